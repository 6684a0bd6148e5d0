import type { RunEvent } from "@/pipeline/runtime/events";
import { stepMetrics } from "@/pipeline/runtime/stepMetrics";
import type { PipelineSpec } from "@/pipeline/spec/spec";
import type { StepProducer } from "../artifacts/projectArtifactCache";
import type { Db } from "../db";
import { redactServerPaths } from "../errors/redactPaths";
import { notifyRunChanged } from "./runChanges";
import { keepsEpoch, producerCurve, type EpochEvent } from "./stepCurves";

/**
 * Epoch events arrive every few milliseconds while a model trains: they are kept (up to MAX_CURVE_POINTS per node,
 * so the whole curve can be drawn) but written together, at most one batch per interval.
 */
const DEFAULT_EPOCH_INTERVAL_MS = 500;

interface StepState {
  id: string | null;
  fingerprint: string;
  metrics: Record<string, number>;
  logs: string[];
  lastEpoch?: EpochEvent;
}

/**
 * Turns a run's progress events into durable rows: every event a RunEvent with the
 * next sequence number (epochs in batches), and node events StepRun rows. A step reused
 * from the cache gets the training curve of the step that computed it, so it can be drawn.
 * Events come synchronously from the runner; writes are chained so they land in order.
 */
export class RunRecorder {
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  private readonly steps = new Map<string, StepState>();
  private readonly nodeByFingerprint = new Map<string, string>();
  private pendingEpochs: EpochEvent[] = [];
  private lastEpochWrite = 0;
  private readonly specNodes: Map<string, PipelineSpec["nodes"][number]>;

  private constructor(
    private readonly db: Db,
    private readonly runId: string,
    private readonly projectId: string,
    spec: PipelineSpec,
    private nextSeq: number,
    private readonly epochIntervalMs: number,
  ) {
    this.specNodes = new Map(spec.nodes.map((node) => [node.id, node]));
  }

  /** Continues the run's event sequence (a re-claimed run appends after the previous attempt's events). */
  static async open(db: Db, runId: string, spec: PipelineSpec, epochIntervalMs = DEFAULT_EPOCH_INTERVAL_MS): Promise<RunRecorder> {
    const last = await db.runEvent.findFirst({ where: { runId }, orderBy: { seq: "desc" }, select: { seq: true } });
    const { projectId } = await db.run.findUniqueOrThrow({ where: { id: runId }, select: { projectId: true } });
    return new RunRecorder(db, runId, projectId, spec, (last?.seq ?? -1) + 1, epochIntervalMs);
  }

  record(reported: RunEvent): void {
    // A failure's message is shown to every project member: no server paths or stack frames in it.
    const event: RunEvent = reported.type === "node-failed" ? { ...reported, error: redactServerPaths(reported.error) } : reported;
    if (event.type === "node-started") {
      // Known at once (the row id follows when written), so metrics and logs reported meanwhile are kept.
      this.steps.set(event.nodeId, { id: null, fingerprint: event.fingerprint, metrics: {}, logs: [] });
      this.nodeByFingerprint.set(event.fingerprint, event.nodeId);
    }
    if (event.type === "epoch") {
      const training = this.steps.get(event.nodeId);
      if (training) training.lastEpoch = event;
      if (keepsEpoch(event)) this.pendingEpochs.push(event);
      if (Date.now() - this.lastEpochWrite >= this.epochIntervalMs) this.writePendingEpochs();
      return;
    }
    // Every epoch so far lands before whatever comes next (the last one above all, however soon after the previous).
    this.writePendingEpochs();
    if (event.type === "node-finished" && event.cached) {
      const { nodeId, fingerprint } = event;
      this.enqueue(() => this.replayCurve(nodeId, fingerprint));
    }
    const step = this.steps.get(event.nodeId);
    if (step && event.type === "metric") step.metrics[event.name] = event.value;
    if (step && event.type === "log") step.logs.push(`${event.level}: ${event.message}`);
    this.enqueue(() => this.apply(event));
  }

  /** Waits for every event so far to be written; rethrows the first write failure. */
  async flush(): Promise<void> {
    this.writePendingEpochs();
    await this.chain;
    if (this.failure !== null) throw this.failure;
  }

  /** For the artifact cache: which step is computing this fingerprint, and which artifacts feed it. */
  async producerOf(fingerprint: string): Promise<StepProducer> {
    await this.flush();
    const nodeId = this.nodeByFingerprint.get(fingerprint);
    const step = nodeId === undefined ? undefined : this.steps.get(nodeId);
    if (nodeId === undefined || step === undefined) throw new Error(`No step of run ${this.runId} has fingerprint ${fingerprint}`);
    const inputs = Object.entries(this.specNodes.get(nodeId)?.inputs ?? {}).flatMap(([port, source]) => {
      const upstream = this.steps.get(source.node);
      return upstream ? [{ port, fingerprint: upstream.fingerprint, output: source.output }] : [];
    });
    return { stepRunId: step.id, nodeId, inputs };
  }

  /** Steps still marked running when the run ended (cancelled mid-node, or the run failed elsewhere). */
  async closeUnfinishedSteps(status: "cancelled" | "failed"): Promise<void> {
    await this.flush();
    await this.db.stepRun.updateMany({ where: { runId: this.runId, status: "running" }, data: { status, finishedAt: new Date() } });
  }

  private enqueue(write: () => Promise<void>): void {
    this.chain = this.chain.then(async () => {
      if (this.failure !== null) return;
      try {
        await write();
      } catch (error) {
        this.failure = error;
      }
    });
  }

  private writePendingEpochs(): void {
    if (this.pendingEpochs.length === 0) return;
    const batch = this.pendingEpochs;
    this.pendingEpochs = [];
    this.lastEpochWrite = Date.now();
    this.enqueue(() => this.applyEpochs(batch));
  }

  /** Epochs carry no step changes: one insert and one notification for the batch. */
  private async applyEpochs(events: EpochEvent[]): Promise<void> {
    const first = this.nextSeq;
    this.nextSeq += events.length;
    await this.db.runEvent.createMany({ data: events.map((event, i) => ({ runId: this.runId, seq: first + i, payload: JSON.stringify(event) })) });
    await notifyRunChanged(this.db, this.runId);
  }

  /** A cache hit trains nothing: its curve is the one the computing step recorded, under this run's node id. */
  private async replayCurve(nodeId: string, fingerprint: string): Promise<void> {
    const curve = await producerCurve(this.db, this.projectId, fingerprint);
    if (curve.length > 0) await this.applyEpochs(curve.map((event) => ({ ...event, nodeId })));
  }

  private async apply(event: RunEvent): Promise<void> {
    await this.db.runEvent.create({ data: { runId: this.runId, seq: this.nextSeq++, payload: JSON.stringify(event) } });
    await this.updateStep(event);
    // After the step row too, so a watcher that refetches the run sees the step this event is about.
    await notifyRunChanged(this.db, this.runId);
  }

  private async updateStep(event: RunEvent): Promise<void> {
    switch (event.type) {
      case "node-started": {
        const data = {
          kind: event.kind,
          fingerprint: event.fingerprint,
          status: "running",
          cacheHit: false,
          startedAt: new Date(),
          finishedAt: null,
          durationMs: null,
          metrics: "{}",
          logs: "",
          error: null,
        };
        const row = await this.db.stepRun.upsert({
          where: { runId_nodeId: { runId: this.runId, nodeId: event.nodeId } },
          create: { runId: this.runId, nodeId: event.nodeId, ...data },
          update: data,
        });
        const step = this.steps.get(event.nodeId);
        if (step) step.id = row.id;
        return;
      }
      case "node-finished": {
        const step = this.steps.get(event.nodeId);
        if (!step?.id) return;
        await this.db.stepRun.update({
          where: { id: step.id },
          data: {
            status: "succeeded",
            cacheHit: event.cached,
            durationMs: event.durationMs,
            finishedAt: new Date(),
            metrics: JSON.stringify(stepMetrics(step.lastEpoch, step.metrics)),
            logs: step.logs.join("\n"),
          },
        });
        return;
      }
      case "node-failed": {
        const step = this.steps.get(event.nodeId);
        const data = { status: "failed", error: event.error, finishedAt: new Date(), logs: step?.logs.join("\n") ?? "" };
        // A dataset that cannot be read fails its node before the node starts, so there may be no row yet.
        await this.db.stepRun.upsert({
          where: { runId_nodeId: { runId: this.runId, nodeId: event.nodeId } },
          create: { runId: this.runId, nodeId: event.nodeId, kind: this.specNodes.get(event.nodeId)?.kind ?? "unknown", fingerprint: "", ...data },
          update: { ...data, metrics: step ? JSON.stringify(stepMetrics(step.lastEpoch, step.metrics)) : "{}" },
        });
        return;
      }
      default:
        return;
    }
  }
}
