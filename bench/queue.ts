/**
 * The server-run queue (pg-boss, server/queue/) on a throwaway database, two figures:
 *
 * 1. Start→claim latency: runs started one at a time with run.start (which admits them to pg-boss), claimed
 *    by a loop that polls as ServerWorker does (a trial fetch, then a run fetch; when both are empty it
 *    sleeps VAJRA_WORKER_POLL_MS): woken by the queued-work NOTIFY as ServerWorker is, then with nothing to
 *    wake it (the 1000 ms default poll, and 50 ms). Each start waits a random part of the poll, so starts
 *    fall anywhere in the worker's sleep.
 * 2. Throughput: N runs admitted up front (the project cap raised so all are jobs), then claimed and
 *    completed — no execution — by 1 and by 2 child processes (each a RunQueue on its own pg-boss),
 *    alternating for a few rounds, as the figures move with whatever else the machine does.
 *
 * Run: npx tsx --conditions=react-server bench/queue.ts [--samples 30] [--jobs 400] [--rounds 2]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";

const CLAIMER = "--claimer";

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}

if (process.argv[2] === CLAIMER) await claimUntilEmpty(process.argv[3]!);
else await main();

/** A child process: waits for "go" on stdin, claims and completes runs until none are left, prints how many and when it finished. */
async function claimUntilEmpty(workerId: string): Promise<void> {
  const { processQueues } = await import("../server/queue/processQueues");
  const { stopQueueBoss } = await import("../server/queue/queueBoss");
  const { runs } = await processQueues();
  console.log("ready");
  await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once("line", () => resolve()));
  let claimed = 0;
  let claimMs = 0;
  let completeMs = 0;
  for (;;) {
    const before = performance.now();
    const run = await runs.claim(workerId);
    const got = performance.now();
    claimMs += got - before;
    if (!run) break;
    await runs.complete(run, workerId, { status: "succeeded" });
    completeMs += performance.now() - got;
    claimed++;
  }
  console.log(JSON.stringify({ claimed, claimMs, completeMs, doneAt: performance.timeOrigin + performance.now() }));
  await stopQueueBoss();
  process.exit(0);
}

async function main(): Promise<void> {
  const samples = flag("samples", 30);
  const jobs = flag("jobs", 400);
  const rounds = flag("rounds", 2);
  // Every run admitted at once, so throughput measures the job queue rather than the fair-share cap.
  process.env.VAJRA_QUEUE_PROJECT_CAP = "100000";
  const { useFreshDatabase } = await import("../server/testing/testDatabase");
  const { databaseUrl, dataDir } = await useFreshDatabase();
  const { db } = await import("../server/db");
  const { signedUpCaller } = await import("../server/testing/callers");
  const { processQueues } = await import("../server/queue/processQueues");
  const { stopQueueBoss } = await import("../server/queue/queueBoss");
  const { runChangeListener } = await import("../server/runs/runChangeListener");
  const { QUEUED_WORK } = await import("../server/queue/queuedWork");

  const { caller } = await signedUpCaller("bench@example.com");
  const projectId = (await caller.project.list())[0]!.id;
  const pipelineId = (await caller.pipeline.list({ projectId }))[0]!.id;
  const start = async () => (await caller.run.start({ projectId, pipelineId, target: "server" })).runId;
  const { runs, trials } = await processQueues();

  /**
   * Start→claim latencies (ms) with a worker loop polling every `pollMs` — woken early by the queued-work
   * notification when `woken`, as ServerWorker is — and how long run.start itself took.
   */
  async function latency(pollMs: number, woken: boolean) {
    const claimedAt = new Map<string, number>();
    let stopping = false;
    let wake = () => {};
    const unsubscribe = woken ? await runChangeListener().subscribe(QUEUED_WORK, () => wake()) : () => {};
    const nap = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    const worker = (async () => {
      while (!stopping) {
        if (await trials.claim("bench-latency")) throw new Error("no trials expected");
        const run = await runs.claim("bench-latency");
        if (run) {
          claimedAt.set(run.runId, performance.now());
          await runs.complete(run, "bench-latency", { status: "succeeded" });
        } else await nap(pollMs);
      }
    })();
    const toClaim: number[] = [];
    const startCall: number[] = [];
    for (let i = 0; i < samples; i++) {
      await sleep(Math.random() * pollMs);
      const before = performance.now();
      const runId = await start();
      startCall.push(performance.now() - before);
      while (!claimedAt.has(runId)) await sleep(2);
      toClaim.push(claimedAt.get(runId)! - before);
    }
    stopping = true;
    wake();
    await worker;
    unsubscribe();
    return { toClaim, startCall };
  }

  /** Jobs per second completed by `count` claimer processes over `jobs` runs admitted beforehand. */
  async function throughput(count: number) {
    for (let i = 0; i < jobs; i++) await start();
    const children: ChildProcess[] = Array.from({ length: count }, (_, i) =>
      spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "bench/queue.ts", CLAIMER, `claimer-${count}-${i}`], {
        env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir },
        stdio: ["pipe", "pipe", "inherit"],
      }),
    );
    const lines = children.map((child) => createInterface({ input: child.stdout! })[Symbol.asyncIterator]());
    for (const line of lines) if ((await line.next()).value !== "ready") throw new Error("a claimer did not start");
    const go = performance.timeOrigin + performance.now();
    for (const child of children) child.stdin!.write("go\n");
    const results = await Promise.all(
      lines.map(async (line) => JSON.parse((await line.next()).value as string) as { claimed: number; claimMs: number; completeMs: number; doneAt: number }),
    );
    const claimed = results.reduce((sum, r) => sum + r.claimed, 0);
    if (claimed !== jobs) throw new Error(`${claimed} of ${jobs} runs claimed`);
    const seconds = (Math.max(...results.map((r) => r.doneAt)) - go) / 1000;
    const left = await db.run.count({ where: { status: { in: ["queued", "running"] } } });
    if (left !== 0) throw new Error(`${left} runs left unfinished`);
    const perJob = (ms: (r: (typeof results)[number]) => number) => results.reduce((sum, r) => sum + ms(r), 0) / jobs;
    return { perSecond: jobs / seconds, split: results.map((r) => r.claimed), claimMs: perJob((r) => r.claimMs), completeMs: perJob((r) => r.completeMs) };
  }

  const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
  const row = (label: string, values: number[]) =>
    console.log([label, percentile(values, 50).toFixed(1), percentile(values, 99).toFixed(1), Math.max(...values).toFixed(1)].join("\t"));

  console.log(`Queue bench, ${cpus().length} CPU cores, PostgreSQL on the same machine`);
  console.log(`\nrun.start → claim, ${samples} runs started one at a time, ms`);
  console.log(["", "p50", "p99", "max"].join("\t"));
  for (const [pollMs, woken] of [
    [1000, true],
    [1000, false],
    [50, false],
  ] as const) {
    const { toClaim, startCall } = await latency(pollMs, woken);
    const mode = `poll ${pollMs} ms${woken ? " + NOTIFY wake-up" : ""}`;
    row(`${mode}: start→claim`, toClaim);
    row(`${mode}: run.start call`, startCall);
  }

  console.log(`\nclaim + complete of ${jobs} admitted runs (no execution), 1 and 2 claimer processes alternating, ${rounds} rounds`);
  console.log(["round", "claimer processes", "jobs/s", "split", "claim ms/job", "complete ms/job", "load average (1 min)"].join("\t"));
  const ratios: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const one = { ...(await throughput(1)), load: loadavg()[0]! };
    const two = { ...(await throughput(2)), load: loadavg()[0]! };
    for (const [count, t] of [
      [1, one],
      [2, two],
    ] as const) {
      console.log([round, count, t.perSecond.toFixed(1), t.split.join("+"), t.claimMs.toFixed(1), t.completeMs.toFixed(1), t.load.toFixed(1)].join("\t"));
    }
    ratios.push(two.perSecond / one.perSecond);
  }
  console.log(`2 processes / 1, per round: ${ratios.map((r) => `×${r.toFixed(2)}`).join(", ")}`);
  await stopQueueBoss();
  runChangeListener().close();
  await db.$disconnect();
}
