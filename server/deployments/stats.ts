import type { Db } from "../db";
import { flushRequestLogs } from "./requestLog";

export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Request count, errors (status ≥ 400) and latency percentiles of some served requests. */
export function summarize(logs: { latencyMs: number; status: number }[]) {
  const latencies = logs.map((l) => l.latencyMs).sort((a, b) => a - b);
  return {
    requests: logs.length,
    errors: logs.filter((l) => l.status >= 400).length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
  };
}

/** Request count, latency percentiles and errors over the last `windowMinutes`, overall and in `buckets` equal slices. */
export async function deploymentStats(db: Db, deploymentId: string, windowMinutes: number, buckets: number) {
  await flushRequestLogs(db);
  const now = Date.now();
  const since = new Date(now - windowMinutes * 60_000);
  const logs = await db.requestLog.findMany({
    where: { deploymentId, createdAt: { gte: since } },
    select: { createdAt: true, latencyMs: true, status: true, instances: true },
  });
  const width = (windowMinutes * 60_000) / buckets;
  const slices = Array.from({ length: buckets }, (_, i) => ({ start: since.getTime() + i * width, logs: [] as typeof logs }));
  for (const log of logs) slices[Math.min(buckets - 1, Math.floor((log.createdAt.getTime() - since.getTime()) / width))]!.logs.push(log);
  return {
    ...summarize(logs),
    instances: logs.reduce((sum, l) => sum + l.instances, 0),
    buckets: slices.map((s) => ({ start: new Date(s.start), ...summarize(s.logs) })),
  };
}
