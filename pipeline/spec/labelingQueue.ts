/** A cell of a sampled row as the labeling card shows it and the labelled dataset stores it. */
export type SampledCell = string | number | boolean | null;

/** One row an Uncertainty sampler picked for people to label. */
export interface SampledRow {
  /** Stable row identity (the key column's value, else a hash of the row), so a row is never queued twice. */
  key: string;
  values: Record<string, SampledCell>;
  /** The strategy's score: higher means the model needs this label more. */
  score: number;
  /** The model's predicted class and its probability, shown beside the card. */
  guess: string | null;
  confidence: number | null;
}

export interface EnqueueRequest {
  queueName: string;
  targetColumn: string;
  classes: string[];
  rows: SampledRow[];
}

export interface EnqueueOutcome {
  added: number;
  /** Rows that were already in the queue (labelled, skipped or waiting) and were left as they were. */
  alreadyQueued: number;
  /** One line for the run panel, e.g. `queued 50 rows in "churn labels" (round 3)`. */
  message: string;
}

/**
 * A project's labeling queues, offered to the Uncertainty sampler by the host; only a server worker
 * offers it, because queued rows and every label given to them outlive the run.
 */
export interface LabelingQueuePort {
  /** Keys of rows the queue already holds, so the sampler spends its batch on rows nobody has seen. */
  knownKeys(queueName: string): Promise<ReadonlySet<string>>;
  enqueue(request: EnqueueRequest): Promise<EnqueueOutcome>;
}
