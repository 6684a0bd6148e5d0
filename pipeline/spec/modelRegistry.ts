/**
 * The engine's port to a model registry: what a Deploy node asks of the host it runs on. Only the
 * server offers one (registering writes the project's registry), so a run elsewhere has none.
 */

/** When the Deploy node moves its alias to the version it registered. */
export type PromotionRule = { kind: "always" } | { kind: "metric-at-least"; metric: string };

/** Where a node's input came from in this run: the upstream step's fingerprint and output port, and the value's content hash. */
export interface InputArtifactRef {
  fingerprint: string;
  output: string;
  hash: string;
}

export interface RegisterRequest {
  modelName: string;
  alias: string;
  rule: PromotionRule;
  /** The Model input: the host finds the artifact it stored for it. */
  model: InputArtifactRef;
  /** The Metrics input's values (this run's evaluation), recorded on the version and compared under a metric rule. */
  metrics?: Record<string, number>;
}

/** One side of a metric comparison. */
export interface ComparedVersion {
  version: number;
  value: number;
}

export interface RegisterOutcome {
  modelName: string;
  /** The version number this model is registered as. */
  version: number;
  /** False when this very model was registered before (a cached re-run): no new version was numbered. */
  created: boolean;
  alias: string;
  moved: boolean;
  /** The version the alias pointed at before this run; null when nothing held it. */
  previousVersion: number | null;
  /** Set under a metric rule when there was a holder to compare with. */
  comparison?: { metric: string; lowerIsBetter: boolean; candidate: number; holder: number | null };
  /** One line for the run panel, e.g. `registered churn v4; champion stays v3: accuracy 0.951 < 0.958`. */
  message: string;
}

export interface ModelRegistryPort {
  /** Registers the model as a version (idempotent per model) and moves the alias when the rule allows. */
  register(request: RegisterRequest): Promise<RegisterOutcome>;
}
