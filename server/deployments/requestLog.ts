import type { Db } from "../db";
import type { RawFeatures } from "./instances";
import type { Prediction } from "./predictions";

/** Instances kept per request for drift: enough to follow the distribution without storing every batch. */
const SAMPLES_PER_REQUEST = 10;
/** Predictions kept per request for the per-version distribution (canary comparison): enough to compare versions, bounded per row. */
export const OUTPUTS_PER_REQUEST = 20;
/** Logs wait at most this long, so one write serves a burst of requests instead of each paying for its own. */
const FLUSH_DELAY_MS = 200;

export interface ServedRequest {
  deploymentId: string;
  versionId: string | null;
  latencyMs: number;
  instances: number;
  status: number;
  rows?: RawFeatures[];
  /** What was answered; only the first OUTPUTS_PER_REQUEST labels are stored, when the batch is written. */
  predictions?: Pick<Prediction, "label">[];
}

class RequestLogBuffer {
  private pending: ServedRequest[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The writes so far, in order; never rejects (write() logs its errors). */
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Db) {}

  add(request: ServedRequest): void {
    this.pending.push(request);
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
  }

  /**
   * Writes everything buffered in one transaction, after any write already under way: a monitoring read that
   * flushes must also wait for the batch the timer took a moment earlier. Monitoring must never fail a
   * prediction, so errors are logged, not thrown.
   */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending.splice(0);
    this.writing = this.writing.then(() => this.write(batch));
    return this.writing;
  }

  private async write(batch: ServedRequest[]): Promise<void> {
    if (batch.length === 0) return;
    const samples = batch.flatMap(({ deploymentId, rows = [] }) => {
      const stride = Math.max(1, Math.ceil(rows.length / SAMPLES_PER_REQUEST));
      return rows.filter((_, i) => i % stride === 0).map((row) => ({ deploymentId, features: JSON.stringify(row) }));
    });
    try {
      await this.db.$transaction([
        this.db.requestLog.createMany({
          data: batch.map(({ rows: _rows, predictions = [], ...log }) => ({
            ...log,
            outputs: JSON.stringify(predictions.slice(0, OUTPUTS_PER_REQUEST).map((p) => p.label)),
          })),
        }),
        ...(samples.length > 0 ? [this.db.inputSample.createMany({ data: samples })] : []),
      ]);
    } catch (error) {
      console.error(`Could not record ${batch.length} served request(s):`, error);
    }
  }
}

const buffers = new WeakMap<Db, RequestLogBuffer>();

function bufferFor(db: Db): RequestLogBuffer {
  let buffer = buffers.get(db);
  if (!buffer) {
    buffer = new RequestLogBuffer(db);
    buffers.set(db, buffer);
  }
  return buffer;
}

/** Records a served request and an evenly spread sample of its inputs, written shortly after in a batch. */
export function logRequest(db: Db, request: ServedRequest): void {
  bufferFor(db).add(request);
}

/** Writes buffered request logs now; monitoring reads call it so they see every request this process served. */
export function flushRequestLogs(db: Db): Promise<void> {
  return bufferFor(db).flush();
}
