/**
 * A worker-like writer in its own OS process, for tests and bench/progress-latency.ts: appends `count`
 * log events to a run, `spacingMs` apart, each carrying the wall-clock time (ms, fractional) just before
 * its write, then finishes the run as succeeded. `report` writes the way a browser run's reports do
 * (appendRunEvents, finishBrowserRun); `recorder` the way a server worker does (RunRecorder, then the outcome).
 * Usage: node --conditions=react-server --import tsx server/testing/runProgressWriter.ts <runId> <count> <spacingMs> <report|recorder>
 */
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { db } from "../db";
import { appendRunEvents, finishBrowserRun } from "../runs/browserRuns";
import { notifyRunChanged } from "../runs/runChanges";
import { RunRecorder } from "../runs/runRecorder";
import { parseStoredSpec } from "../runs/specForRun";

const [runId, count, spacingMs, via] = z
  .tuple([z.string().min(1), z.coerce.number().int().min(0), z.coerce.number().min(0), z.enum(["report", "recorder"])])
  .parse(process.argv.slice(2));

/** Milliseconds since the epoch with sub-millisecond precision, comparable between processes on one machine. */
const wallClockMs = () => performance.timeOrigin + performance.now();

const logEvent = (i: number) => ({ type: "log" as const, nodeId: "writer", level: "info" as const, message: `${i} ${wallClockMs()}` });

const run = await db.run.findUniqueOrThrow({ where: { id: runId }, include: { pipelineVersion: { select: { spec: true } } } });
if (via === "report") {
  for (let i = 0; i < count; i++) {
    await appendRunEvents(db, runId, [logEvent(i)]);
    await sleep(spacingMs);
  }
  await finishBrowserRun(db, run, { runId, status: "succeeded", steps: [], datasets: {} });
} else {
  if (run.pipelineVersion.spec === null) throw new Error(`Run ${runId}'s version has no spec`);
  const recorder = await RunRecorder.open(db, runId, parseStoredSpec(run.pipelineVersion.spec));
  for (let i = 0; i < count; i++) {
    recorder.record(logEvent(i));
    await recorder.flush();
    await sleep(spacingMs);
  }
  // What a worker does with the run's outcome.
  await db.run.update({ where: { id: runId }, data: { status: "succeeded", finishedAt: new Date() } });
  await notifyRunChanged(db, runId);
}
await db.$disconnect();
