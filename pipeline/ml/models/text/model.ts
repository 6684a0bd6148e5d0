import { z } from "zod";
import type { NeuralKind, NeuralParams } from "../neural/architectures";
import { NeuralNetworkModel, neuralStateSchema } from "../neural/model";
import { decodeFloat32, encodeTypedArray } from "../typed-array-codec";
import { serializeModel, type FittedModel, type SerializedModel, type Task, type TextBatch } from "../types";
import { textClassifierParamsSchema, type TextClassifierParams } from "./params";
import { textRowSource, type Vocabulary } from "./vectorizer";

export const TEXT_CLASSIFIER_KIND = "text_classifier";

const stateSchema = z.object({ terms: z.array(z.string()).min(1), idf: z.string(), network: neuralStateSchema });

/** Tokenizer + fitted vocabulary/idf + dense net; raw strings in, class probabilities out. */
export class TextClassifierModel implements FittedModel<TextBatch> {
  readonly kind = TEXT_CLASSIFIER_KIND;
  readonly inputs = 1;

  constructor(
    readonly task: Task,
    readonly params: TextClassifierParams,
    readonly vocabulary: Vocabulary,
    private readonly network: NeuralNetworkModel,
  ) {}

  async predict(texts: TextBatch): Promise<Float32Array> {
    return this.network.predictRows(textRowSource(texts, this.vocabulary, this.params));
  }

  toJSON(): SerializedModel {
    return serializeModel(this, { terms: this.vocabulary.terms, idf: encodeTypedArray(this.vocabulary.idf), network: this.network.state() });
  }

  dispose(): void {
    this.network.dispose();
  }

  static fromJSON(json: SerializedModel): TextClassifierModel {
    const params = textClassifierParamsSchema.parse(json.params);
    const state = stateSchema.parse(json.state);
    const vocabulary = { terms: state.terms, idf: decodeFloat32(state.idf) };
    if (vocabulary.idf.length !== vocabulary.terms.length) throw new Error("Corrupt text model: idf and vocabulary sizes differ");
    const { kind, params: netParams } = networkFor(params);
    const network = NeuralNetworkModel.fromState(kind, json.task, vocabulary.terms.length, netParams, state.network);
    return new TextClassifierModel(json.task, params, vocabulary, network);
  }
}

/** The dense net on top of the bag of words: logistic regression, or one ReLU hidden layer. */
export function networkFor(params: TextClassifierParams): { kind: NeuralKind; params: NeuralParams } {
  if (params.hiddenUnits === 0) return { kind: "logistic_regression", params };
  return { kind: "mlp", params: { ...params, hiddenLayers: 1, activation: "relu", dropout: 0 } };
}
