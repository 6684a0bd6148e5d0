import type { Db } from "../db";
import type { RawFeatures } from "./instances";
import type { Prediction } from "./predictions";

/** Instances kept per request for drift: enough to follow the distribution without storing every batch. */
const SAMPLES_PER_REQUEST = 10;
/** Predictions kept per request for the per-version distribution (canary comparison): enough to compare versions, bounded per row. */
export const OUTPUTS_PER_REQUEST = 20;
/** Logs wait at most this long, so one write serves a burst of requests instead of each paying for its own. */
const FLUSH_DELAY_MS = 200;
/** A batch this large is written at once rather than when the timer fires. */
const MAX_BATCH = 2_000;
/**
 * Logs held in memory (waiting or being written) before requests wait for the database: a flood, or a
 * database slower than the traffic, slows serving down instead of growing memory without limit. Past
 * it, each request still adds its log and then waits, so at most this many plus one per request in
 * flight are held, each with at most SAMPLES_PER_REQUEST instances.
 */
export const MAX_BUFFERED_LOGS = 20_000;

export interface ServedRequest {
  deploymentId: string;
  versionId: string | null;
  latencyMs: number;
  instances: number;
  status: number;
  rows?: RawFeatures[];
  /** What was answered; only the first OUTPUTS_PER_REQUEST labels are kept. */
  predictions?: Pick<Prediction, "label">[];
}

export interface LoggedRequest {
  /** Settles once the batch holding this log is written (or could not be: write errors are logged, never thrown). */
  written: Promise<void>;
  /** More than MAX_BUFFERED_LOGS logs are waiting: the caller should await `written` before answering. */
  backlogged: boolean;
}

/**
 * What is kept of a request until its batch is written: the samples and labels taken at once, so a
 * buffered log holds at most SAMPLES_PER_REQUEST rows, not a whole batch of instances.
 */
interface Entry extends Omit<ServedRequest, "rows" | "predictions"> {
  /** When the request was answered (the batch is written up to FLUSH_DELAY_MS later). */
  servedAt: Date;
  samples: RawFeatures[];
  outputs: Prediction["label"][];
}

/** An evenly spread sample of at most SAMPLES_PER_REQUEST instances. */
function sampleOf(rows: RawFeatures[]): RawFeatures[] {
  const stride = Math.max(1, Math.ceil(rows.length / SAMPLES_PER_REQUEST));
  return stride === 1 ? rows : rows.filter((_, i) => i % stride === 0);
}

function entryOf({ rows = [], predictions = [], ...request }: ServedRequest): Entry {
  return { ...request, servedAt: new Date(), samples: sampleOf(rows), outputs: predictions.slice(0, OUTPUTS_PER_REQUEST).map((p) => p.label) };
}

/**
 * One statement for a whole batch: the columns go as arrays and `unnest` turns them into rows, so the
 * SQL text is the same for every batch size. Raw SQL rather than createMany: Prisma's query compiler
 * (compileBatch, in wasm) cost more per batch than the insert itself. Ids are random UUIDs (Prisma's
 * cuid default is applied by the client, not the database). The samples' CTE runs in the same
 * statement, so a batch is written whole or not at all.
 */
const INSERT_BATCH = `
  WITH logs AS (
    INSERT INTO "RequestLog" ("id", "deploymentId", "versionId", "createdAt", "latencyMs", "instances", "status", "outputs")
    SELECT gen_random_uuid()::text, l.* FROM unnest($1::text[], $2::text[], $3::timestamp(3)[], $4::float8[], $5::int[], $6::int[], $7::text[]) AS l
    RETURNING 1
  )
  INSERT INTO "InputSample" ("id", "deploymentId", "createdAt", "features")
  SELECT gen_random_uuid()::text, s.* FROM unnest($8::text[], $9::timestamp(3)[], $10::text[]) AS s`;

/** Columns of a batch, in INSERT_BATCH's parameter order. */
function batchParameters(batch: Entry[]): unknown[] {
  const samples = batch.flatMap(({ deploymentId, servedAt, samples }) =>
    samples.map((row) => ({ deploymentId, servedAt: servedAt.toISOString(), features: JSON.stringify(row) })),
  );
  return [
    batch.map((e) => e.deploymentId),
    batch.map((e) => e.versionId),
    // Prisma stores timestamp(3) columns as UTC wall time; the ISO string's zone is dropped by the cast.
    batch.map((e) => e.servedAt.toISOString()),
    batch.map((e) => e.latencyMs),
    batch.map((e) => e.instances),
    batch.map((e) => e.status),
    batch.map((e) => JSON.stringify(e.outputs)),
    samples.map((s) => s.deploymentId),
    samples.map((s) => s.servedAt),
    samples.map((s) => s.features),
  ];
}

/** A promise with its resolve (Promise.withResolvers is not in Node 20). */
function settlement(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

class RequestLogBuffer {
  private pending: Entry[] = [];
  /** Settles when `pending` is written; made with the batch's first log. */
  private pendingWritten: { promise: Promise<void>; resolve: () => void } | null = null;
  /** Logs taken for writing and not yet written. */
  private inFlight = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** The writes so far, in order; never rejects (write() logs its errors). */
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly db: Db) {}

  add(request: ServedRequest): LoggedRequest {
    this.pending.push(entryOf(request));
    this.pendingWritten ??= settlement();
    const { promise } = this.pendingWritten;
    if (this.pending.length >= MAX_BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
    return { written: promise, backlogged: this.pending.length + this.inFlight > MAX_BUFFERED_LOGS };
  }

  /**
   * Writes everything buffered, after any write already under way: a monitoring read that flushes must
   * also wait for the batch the timer took a moment earlier.
   */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    const written = this.pendingWritten;
    this.pending = [];
    this.pendingWritten = null;
    this.inFlight += batch.length;
    this.writing = this.writing.then(async () => {
      await this.write(batch);
      this.inFlight -= batch.length;
      written?.resolve();
    });
    return this.writing;
  }

  /** Monitoring must never fail a prediction, so errors are logged, not thrown. */
  private async write(batch: Entry[]): Promise<void> {
    if (batch.length === 0) return;
    try {
      await this.db.$executeRawUnsafe(INSERT_BATCH, ...batchParameters(batch));
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
export function logRequest(db: Db, request: ServedRequest): LoggedRequest {
  return bufferFor(db).add(request);
}

/** Writes buffered request logs now; monitoring reads and a stopping server call it so no served request goes unrecorded. */
export function flushRequestLogs(db: Db): Promise<void> {
  return bufferFor(db).flush();
}
