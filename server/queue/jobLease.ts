import type { Db } from "../db";

/**
 * A claimed job's lease. pg-boss 10 fails an active job once `started_on + expire_in` has passed (its
 * maintenance sweep) and retries it on another worker, so a worker that dies loses its job within a
 * lease. A live worker renews by pushing `expire_in` forward: pg-boss 12's `heartbeatSeconds` does the
 * same, but needs Node 22; until then this one UPDATE on its job table (pg-boss pinned exactly) does.
 */
export async function renewJobLease(db: Db, queue: string, jobId: string, leaseMs: number): Promise<boolean> {
  const seconds = leaseMs / 1000;
  const renewed = await db.$executeRaw`
    UPDATE pgboss.job SET expire_in = (now() - started_on) + make_interval(secs => ${seconds})
    WHERE name = ${queue} AND id = ${jobId}::uuid AND state = 'active'`;
  return renewed === 1;
}

/** A job's first lease, as pg-boss's send option (whole seconds, at least one). */
export function initialLeaseSeconds(leaseMs: number): number {
  return Math.max(1, Math.ceil(leaseMs / 1000));
}
