import { trainNeuralNetwork } from "../neural/train";
import type { Targets, Task, TextBatch, TrainOptions } from "../types";
import { networkFor, TextClassifierModel } from "./model";
import { textClassifierParamsSchema, type TextClassifierParams } from "./params";
import { fitVocabulary, textRowSource } from "./vectorizer";

export interface TextTrainOptions extends Omit<TrainOptions, "validation"> {
  validation?: { texts: TextBatch; y: Targets };
}

/** Fits the vocabulary and idf on the training texts only, then the classifier on their TF-IDF rows. */
export async function fitTextClassifier(
  texts: TextBatch,
  y: Targets,
  task: Task,
  rawParams: Partial<TextClassifierParams>,
  options: TextTrainOptions,
): Promise<TextClassifierModel> {
  const params = textClassifierParamsSchema.parse(rawParams);
  if (task.kind !== "classification") throw new Error("The text classifier needs a classification target");
  if (texts.length === 0) throw new Error("Cannot train on zero rows");
  if (y.length !== texts.length) throw new Error(`Text column has ${texts.length} rows but the target has ${y.length} values`);
  for (let i = 0; i < y.length; i++) {
    if (!Number.isInteger(y[i]) || y[i]! < 0 || y[i]! >= task.classes) {
      throw new Error(`Class label ${y[i]} at row ${i} is out of range: expected an integer in [0, ${task.classes - 1}]`);
    }
  }
  const vocabulary = fitVocabulary(texts, params);
  const { kind, params: networkParams } = networkFor(params);
  const { validation, ...rest } = options;
  const network = await trainNeuralNetwork(
    kind,
    {
      source: textRowSource(texts, vocabulary, params),
      y,
      ...(validation ? { validation: { source: textRowSource(validation.texts, vocabulary, params), y: validation.y } } : {}),
    },
    task,
    networkParams,
    rest,
  );
  return new TextClassifierModel(task, params, vocabulary, network);
}
