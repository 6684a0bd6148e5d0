import type { z } from "zod";
import type { ExpressionSandbox } from "../ml/labeling/expression-sandbox";
import type { TunerTrialRunner } from "./tunerTrials";
import type { TableSchema } from "../ml/table/table";
import type { DatasetResolver } from "./datasetResolver";
import type { InputArtifactRef, ModelRegistryPort } from "./modelRegistry";
import type { LabelingQueuePort } from "./labelingQueue";
import type { SqlSourcePort } from "./sqlSource";
import type { NodeIssue } from "./diagnostics";
import type { PortSchema, PortType } from "./portTypes";
import type { PortValue } from "./portValues";

export const STAGES = ["Data", "Clean", "Split", "Label", "Augment", "Model", "Tune", "Ensemble", "Evaluate", "Deploy"] as const;
export type Stage = (typeof STAGES)[number];

export interface PortDefinition {
  name: string;
  type: PortType;
  optional?: boolean;
  description?: string;
  /**
   * Why the port takes only this type, for nodes whose placement matters (e.g. an
   * augmentation must come after the Split): wiring another type in is then reported
   * as `invalid-placement` with this text instead of a bare type mismatch.
   */
  placement?: string;
}

/** Known schemas are handed to `inferSchema`; the compiler skips a node whose inputs are unknown. */
export interface InferContext {
  inputs: Record<string, PortSchema | undefined>;
  /** Schema of an external dataset, when the caller could read it ahead of time. */
  datasetSchema(reference: string): TableSchema | undefined;
}

export type InferResult = { outputs: Record<string, PortSchema> } | { issues: NodeIssue[] };

export interface EpochReport {
  epoch: number;
  epochs?: number;
  /** Training loss; left out where progress is not training (a tuner reports trial scores as metrics). */
  loss?: number;
  metrics?: Record<string, number>;
}

export interface RunContext<P> {
  nodeId: string;
  params: P;
  inputs: Record<string, PortValue | undefined>;
  /** Where each input came from in this run, so a host port can find what it stored for it (e.g. the model to register). */
  inputArtifacts: Record<string, InputArtifactRef>;
  datasets: DatasetResolver;
  signal: AbortSignal;
  /** Runs user-written code (expressions, table functions) isolated from the host; absent where the runtime offers none. */
  expressionSandbox?: ExpressionSandbox;
  /** Runs tuner trials elsewhere (on other workers); absent where trials run in this process. */
  tunerTrialRunner?: TunerTrialRunner;
  /** Registers models and moves aliases (the Deploy node); only a server worker offers it. */
  modelRegistry?: ModelRegistryPort;
  /** Sends sampled rows to a project's labeling queue (the Uncertainty sampler); only a server worker offers it. */
  labelingQueue?: LabelingQueuePort;
  /** Runs read-only queries on the project's database connections (the SQL query node); only a server worker offers it. */
  sqlSource?: SqlSourcePort;
  reportEpoch(report: EpochReport): void;
  reportMetric(name: string, value: number): void;
  log(message: string, level?: "info" | "warn"): void;
}

export type NodeParamsUpgrade = (params: Record<string, unknown>) => Record<string, unknown>;

export interface NodeDefinition<P = unknown> {
  kind: string;
  /** Bump when outputs for the same params change, so cached artifacts are not reused. */
  version: number;
  /**
   * Rewrites the params of version N into those of version N + 1, keyed by N, so a spec written
   * for an older version still loads (upgradeNodeVersions applies them in order, for checkSpec
   * and importPipeline). A version without one here is refused as unsupported.
   */
  upgrades?: Readonly<Record<number, NodeParamsUpgrade>>;
  title: string;
  description: string;
  stage: Stage;
  inputs: PortDefinition[];
  outputs: PortDefinition[];
  params: z.ZodType<P>;
  /**
   * Set for a node that changes something outside the run (the Deploy node writes the model registry):
   * it always executes (never served from or stored in the cache), and only on a server worker, the one
   * host that offers its port. `reason` tells the user why a run of it goes to the server.
   */
  sideEffect?: { reason: string };
  /**
   * Set for a source that reads data living outside Vajra (a database the server reaches): it runs on every
   * run and only on a server worker (`reason` says why). Its fingerprint includes the hash of what it read, so
   * an unchanged result reuses everything downstream, and its output is stored (preview, lineage) per result.
   */
  liveData?: { reason: string };
  /** External datasets the node reads; their content hashes join its fingerprint. */
  datasetReferences?(params: P): string[];
  /**
   * Reads the raw schema of each external dataset, so columns downstream can be
   * checked before the run starts. Keyed by dataset reference.
   */
  readDatasetSchemas?(params: P, datasets: DatasetResolver, signal?: AbortSignal): Promise<Record<string, TableSchema>>;
  inferSchema(params: P, context: InferContext): InferResult;
  run(context: RunContext<P>): Promise<Record<string, PortValue>>;
}

/** The catalog's view of a definition; method bivariance keeps every typed definition assignable. */
export type AnyNodeDefinition = NodeDefinition<unknown>;

export function defineNode<S extends z.ZodType>(definition: NodeDefinition<z.output<S>> & { params: S }): NodeDefinition<z.output<S>> {
  return definition;
}
