import { instancesTable, type ParsedInstances } from "./instances";
import type { ServedModel } from "./modelCache";
import { predictInstances, type Prediction } from "./predictions";

interface Pending {
  instances: ParsedInstances;
  resolve(predictions: Prediction[]): void;
  reject(error: unknown): void;
}

/**
 * Merges requests that arrive together into one predict call: everything queued in
 * the same event-loop turn, or while the previous batch was predicting, goes in
 * one table. A single request waits for no one; under load the model sees fewer,
 * larger batches, which is where TF.js models gain.
 */
export class PredictionBatcher {
  private queue: Pending[] = [];
  private busy = false;
  /** Predict calls made so far (for tests and monitoring). */
  batches = 0;

  constructor(private readonly served: Pick<ServedModel, "model" | "signature">) {}

  predict(instances: ParsedInstances): Promise<Prediction[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ instances, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.busy) return;
    this.busy = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    const batch = this.queue.splice(0);
    try {
      // A request alone in its batch is predicted on its own table (parseInstances built it).
      const merged: ParsedInstances = batch.length === 1 ? batch[0]!.instances : mergedInstances(this.served.signature, batch);
      this.batches += 1;
      const predictions = await predictInstances(this.served.model, merged);
      let offset = 0;
      for (const pending of batch) {
        pending.resolve(predictions.slice(offset, offset + pending.instances.rows.length));
        offset += pending.instances.rows.length;
      }
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    } finally {
      this.busy = false;
      if (this.queue.length > 0) this.schedule();
    }
  }
}

function mergedInstances(signature: ServedModel["signature"], batch: Pending[]): ParsedInstances {
  const rows = batch.flatMap((p) => p.instances.rows);
  return { keys: batch.flatMap((p) => p.instances.keys), rows, table: instancesTable(signature, rows) };
}

const batchers = new WeakMap<ServedModel, PredictionBatcher>();

/** One batcher per loaded model version (the cache keeps the ServedModel object alive while it serves). */
export function batcherFor(served: ServedModel): PredictionBatcher {
  let batcher = batchers.get(served);
  if (!batcher) {
    batcher = new PredictionBatcher(served);
    batchers.set(served, batcher);
  }
  return batcher;
}
