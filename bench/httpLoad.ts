/**
 * The load generator of bench/serving.ts, run as a process of its own so that its CPU time is not
 * counted as the server's: POSTs one body to one URL with a fixed number of requests in flight over
 * keep-alive connections, warms up, then measures. node:http rather than fetch: fetch's web streams
 * cost the client several times what the request costs the server, and the client shares the cores.
 * Prints `measuring` when the warm-up ends, then one JSON line: LoadResult.
 */
import { Agent, request } from "node:http";
import { z } from "zod";
import { percentile } from "../server/deployments/stats";

const loadSpecSchema = z.object({
  url: z.string().url(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
  concurrency: z.number().int().positive(),
  warmupSeconds: z.number().nonnegative(),
  seconds: z.number().positive(),
});
export type LoadSpec = z.infer<typeof loadSpecSchema>;

export interface LoadResult {
  /** Requests answered during the warm-up (not measured). */
  warmupRequests: number;
  requests: number;
  /** Answers by status code. */
  statuses: Record<string, number>;
  rps: number;
  p50: number;
  p99: number;
  /** This process's CPU time (user + system) per request. */
  clientCpuMs: number;
}

const spec = loadSpecSchema.parse(JSON.parse(process.argv[2] ?? "null"));
const body = Buffer.from(spec.body);
const agent = new Agent({ keepAlive: true, maxSockets: spec.concurrency });
const headers = { ...spec.headers, "content-length": String(body.byteLength) };

function post(): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(spec.url, { method: "POST", headers, agent }, (res) => {
      res.on("data", () => undefined);
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function drive(seconds: number, record: (status: number, ms: number) => void): Promise<void> {
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: spec.concurrency }, async () => {
      while (performance.now() < deadline) {
        const started = performance.now();
        const status = await post();
        record(status, performance.now() - started);
      }
    }),
  );
}

let warmupRequests = 0;
await drive(spec.warmupSeconds, () => warmupRequests++);
console.log("measuring");
const latencies: number[] = [];
const statuses: Record<string, number> = {};
const cpuBefore = process.cpuUsage();
const started = performance.now();
await drive(spec.seconds, (status, ms) => {
  latencies.push(ms);
  statuses[status] = (statuses[status] ?? 0) + 1;
});
const elapsed = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuBefore);
latencies.sort((a, b) => a - b);
const result: LoadResult = {
  warmupRequests,
  requests: latencies.length,
  statuses,
  rps: latencies.length / elapsed,
  p50: percentile(latencies, 50)!,
  p99: percentile(latencies, 99)!,
  clientCpuMs: (cpu.user + cpu.system) / 1000 / latencies.length,
};
console.log(JSON.stringify(result));
agent.destroy();
