/**
 * Run progress latency across processes: a worker-like child process (server/testing/runProgressWriter.ts,
 * writing through RunRecorder as a server worker does) appends N log events to a run, each stamped with the
 * wall-clock time just before its write; this process follows the same run two ways at once and records, per
 * event, the time from that stamp to receipt. "pushed" is what run.watch yields now (server/runs/watchRun.ts:
 * re-read on the run's NOTIFY through this process's LISTEN connection); "polled" is the loop run.watch had
 * before (re-read every 300 ms). Same machine, so both processes' clocks are the same clock.
 * Usage: npx tsx --conditions=react-server bench/progress-latency.ts [--events 500] [--spacing-ms 20]
 */
import { spawn } from "node:child_process";
import { cpus } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import { useFreshDatabase } from "../server/testing/testDatabase";

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}
const eventCount = flag("events", 500);
const spacingMs = flag("spacing-ms", 20);
/** What run.watch slept between reads before progress was pushed. */
const OLD_WATCH_INTERVAL_MS = 300;

const { databaseUrl, dataDir } = await useFreshDatabase();
const { db } = await import("../server/db");
const { signedUpCaller } = await import("../server/testing/callers");
const { isFinished } = await import("../contracts/runStatus");
const { readRunEvents } = await import("../server/runs/runEvents");
const { runChangeListener } = await import("../server/runs/runChangeListener");
const { watchRun } = await import("../server/runs/watchRun");

const { caller } = await signedUpCaller("bench@example.com");
const projectId = (await caller.project.list()).find((p) => p.name.startsWith("Demo"))!.id;
const pipelineId = (await caller.pipeline.list({ projectId }))[0]!.id;
// A browser run is created running, so the writer can append to it without a queue or worker in between.
const { runId } = await caller.run.start({ projectId, pipelineId, target: "browser" });

const wallClockMs = () => performance.timeOrigin + performance.now();
/** Milliseconds from the writer's stamp (message "<i> <stamp>") to now. */
const latencyOf = (message: string) => wallClockMs() - Number(message.split(" ")[1]);

async function pushed(): Promise<number[]> {
  const latencies: number[] = [];
  for await (const item of watchRun(db, runId, -1)) if (item.type === "event" && item.event.type === "log") latencies.push(latencyOf(item.event.message));
  return latencies;
}

async function polled(): Promise<number[]> {
  const latencies: number[] = [];
  let after = -1;
  for (;;) {
    const read = await readRunEvents(db, runId, after);
    for (const { seq, event } of read.events) {
      after = seq;
      if (event.type === "log") latencies.push(latencyOf(event.message));
    }
    if (isFinished(read.status) && read.events.length === 0) return latencies;
    await sleep(OLD_WATCH_INTERVAL_MS);
  }
}

const following = Promise.all([pushed(), polled()]);
const writer = spawn(
  process.execPath,
  ["--conditions=react-server", "--import", "tsx", "server/testing/runProgressWriter.ts", runId, String(eventCount), String(spacingMs), "recorder"],
  { env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir }, stdio: ["ignore", "inherit", "inherit"] },
);
const exitCode = await new Promise<number | null>((resolve) => writer.on("exit", resolve));
if (exitCode !== 0) throw new Error(`writer exited with ${exitCode}`);
const [push, poll] = await following;
if (push.length !== eventCount || poll.length !== eventCount)
  throw new Error(`received ${push.length} pushed and ${poll.length} polled of ${eventCount} events`);

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
const figures = (values: number[]) => ({ p50: percentile(values, 50), p99: percentile(values, 99), max: Math.max(...values) });
const [p, q] = [figures(push), figures(poll)];
console.log(`${eventCount} events ${spacingMs} ms apart from a worker-like process, ${cpus().length} CPU cores; latency from write to receipt, ms`);
console.log(["follower", "p50", "p99", "max"].join("\t"));
console.log(["pushed (LISTEN/NOTIFY)", p.p50.toFixed(1), p.p99.toFixed(1), p.max.toFixed(1)].join("\t"));
console.log([`polled (${OLD_WATCH_INTERVAL_MS} ms)`, q.p50.toFixed(1), q.p99.toFixed(1), q.max.toFixed(1)].join("\t"));
console.log(`polled / pushed: p50 ${(q.p50 / p.p50).toFixed(1)}×, p99 ${(q.p99 / p.p99).toFixed(1)}×`);
runChangeListener().close();
process.exit(0);
