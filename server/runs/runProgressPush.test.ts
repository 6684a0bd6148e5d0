import { spawn } from "node:child_process";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { useFreshDatabase } from "../testing/testDatabase";

const { databaseUrl } = await useFreshDatabase();
const { db } = await import("../db");
const { signedUpCaller } = await import("../testing/callers");
const { appendRunEvents, finishBrowserRun } = await import("./browserRuns");
const { notifyRunChanged } = await import("./runChanges");
const { runChangeListener } = await import("./runChangeListener");
const { ChangeListener } = await import("../db/changeListener");
const { RUN_CHANGES_CHANNEL } = await import("./runChanges");
const { watchRun } = await import("./watchRun");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];

let alice: Caller;
let projectId: string;
let pipelineId: string;

beforeAll(async () => {
  alice = (await signedUpCaller("alice@example.com")).caller;
  const demo = (await alice.project.list()).find((p) => p.name.startsWith("Demo"))!;
  projectId = demo.id;
  pipelineId = (await alice.pipeline.list({ projectId }))[0]!.id;
});

type Listener = InstanceType<typeof ChangeListener>;
const opened: Listener[] = [];
/** A listener of the test's own that closes 50 ms after its last subscriber leaves (and after each test). */
function ownListener(): Listener {
  const listener = new ChangeListener(databaseUrl, RUN_CHANGES_CHANNEL, 50);
  opened.push(listener);
  return listener;
}
afterEach(() => opened.splice(0).forEach((listener) => listener.close()));

/** A browser run: created running, so another process can append to it and finish it. */
async function runningRun(): Promise<string> {
  return (await alice.run.start({ projectId, pipelineId, target: "browser" })).runId;
}

/** Runs server/testing/runProgressWriter.ts in its own OS process against this file's database. */
function writeFromAnotherProcess(runId: string, count: number, spacingMs: number, via: "report" | "recorder"): Promise<void> {
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "server/testing/runProgressWriter.ts", runId, String(count), String(spacingMs), via],
    {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`writer exited with ${code}: ${stderr}`)))));
}

const wallClockMs = () => performance.timeOrigin + performance.now();

/** The LISTEN connections open on this database (a backend's `query` is its last statement). */
async function listeningConnections(): Promise<number> {
  const [row] = await db.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN vajra_run' AND pid <> pg_backend_pid()`;
  return Number(row!.count);
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("run progress pushed across processes", () => {
  it("streams another process's events through the watch subscription, in order, then the final status", async () => {
    const runId = await runningRun();
    const stream = await alice.run.watch({ projectId, runId });
    const writing = writeFromAnotherProcess(runId, 15, 20, "report");
    const received: { type: string; seq: number; status: string | null; event: { message?: string } | null }[] = [];
    // Through a server-side caller, each item is the tracked envelope [id, data].
    for await (const item of stream) received.push((item as unknown as [string, (typeof received)[number]])[1]);
    await writing;
    expect(received.filter((r) => r.type === "event").map((r) => r.seq)).toEqual([...Array(15).keys()]);
    expect(received.filter((r) => r.type === "event").map((r) => r.event?.message?.split(" ")[0])).toEqual([...Array(15).keys()].map(String));
    expect(received[0]).toMatchObject({ type: "status", status: "running" });
    expect(received.at(-1)).toMatchObject({ type: "status", status: "succeeded" });
  });

  it("wakes on the worker's writes, not on a timer: with re-reads an hour apart every event arrives within a second", async () => {
    const runId = await runningRun();
    const latencies: number[] = [];
    let status: string | null = null;
    const watching = (async () => {
      for await (const item of watchRun(db, runId, -1, { rereadMs: 3_600_000, signal: AbortSignal.timeout(20_000) })) {
        if (item.type === "status") status = item.status;
        else if (item.event.type === "log") latencies.push(wallClockMs() - Number(item.event.message.split(" ")[1]));
      }
    })();
    await writeFromAnotherProcess(runId, 20, 100, "recorder");
    await watching;
    expect(latencies).toHaveLength(20);
    expect(Math.max(...latencies)).toBeLessThan(1000);
    expect(status).toBe("succeeded");
  });

  it("ends at once when the run finished before the watcher read its last events, without waiting for a re-read", async () => {
    const runId = await runningRun();
    await appendRunEvents(db, runId, [{ type: "log", nodeId: "n", level: "info", message: "last" }]);
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    await finishBrowserRun(db, run, { runId, status: "succeeded", steps: [], datasets: {} });
    const received: string[] = [];
    for await (const item of watchRun(db, runId, -1, { rereadMs: 3_600_000, signal: AbortSignal.timeout(5_000) })) received.push(item.type);
    expect(received).toEqual(["event", "status"]);
  });

  it("does not wake a run's subscribers for another run, nor give its watcher another run's events", async () => {
    const listener = ownListener();
    const [mine, other] = [await runningRun(), await runningRun()];
    let wakes = 0;
    const unsubscribe = await listener.subscribe(mine, () => wakes++);
    // Connecting wakes every subscriber once (what changed before it listened was not announced).
    wakes = 0;
    await notifyRunChanged(db, other);
    await notifyRunChanged(db, mine);
    await until(async () => wakes > 0, 5000);
    // Both notifications arrive on the same connection in order: had the other run's woken us, it would have counted by now.
    expect(wakes).toBe(1);
    unsubscribe();

    const received: { type: string; seq: number }[] = [];
    const watching = (async () => {
      for await (const item of watchRun(db, mine, -1, { listener, rereadMs: 3_600_000, signal: AbortSignal.timeout(60_000) })) received.push(item);
    })();
    await writeFromAnotherProcess(other, 5, 0, "report");
    await appendRunEvents(db, mine, [{ type: "log", nodeId: "n", level: "info", message: "mine" }]);
    const run = await db.run.findUniqueOrThrow({ where: { id: mine } });
    await finishBrowserRun(db, run, { runId: mine, status: "failed", steps: [], datasets: {} });
    await watching;
    expect(received).toMatchObject([
      { type: "status", status: "running" },
      { type: "event", seq: 0, event: { message: "mine" } },
      { type: "status", status: "failed" },
    ]);
  });

  it("leaves no subscription behind when a watch is aborted: the connection closes once idle", async () => {
    runChangeListener().close();
    await until(async () => (await listeningConnections()) === 0, 5000);
    const listener = ownListener();
    const runId = await runningRun();
    const abort = new AbortController();
    const watching = (async () => {
      for await (const item of watchRun(db, runId, -1, { listener, rereadMs: 3_600_000, signal: abort.signal })) {
        if (item.status !== "running") throw new Error(`unexpected ${item.type}`);
      }
    })();
    await until(async () => (await listeningConnections()) === 1, 5000);
    abort.abort();
    await watching;
    await until(async () => (await listeningConnections()) === 0, 5000);
  });

  it("reconnects after the listening connection is killed, and re-reads what was written meanwhile", async () => {
    const listener = ownListener();
    const runId = await runningRun();
    const received: string[] = [];
    const watching = (async () => {
      for await (const item of watchRun(db, runId, -1, { listener, rereadMs: 3_600_000, signal: AbortSignal.timeout(60_000) })) {
        received.push(item.type === "status" ? item.status : item.event.type);
      }
    })();
    await until(async () => (await listeningConnections()) === 1, 5000);
    await db.$executeRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN vajra_run'`;
    await appendRunEvents(db, runId, [{ type: "log", nodeId: "n", level: "info", message: "while nobody listened" }]);
    await until(async () => received.length === 2, 10_000);
    const run = await db.run.findUniqueOrThrow({ where: { id: runId } });
    await finishBrowserRun(db, run, { runId, status: "succeeded", steps: [], datasets: {} });
    await watching;
    expect(received).toEqual(["running", "log", "succeeded"]);
  });
});
