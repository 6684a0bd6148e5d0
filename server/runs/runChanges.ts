import type { Db } from "../db";
import { notify } from "../db/notify";

/** The PostgreSQL NOTIFY channel on which a run's id is announced whenever its events or status change. */
export const RUN_CHANGES_CHANNEL = "vajra_run";

/**
 * Wakes every web process watching this run (server/runs/runChangeListener.ts, server/db/changeListener.ts), wherever the write
 * happened: a worker on another machine, a browser run's report, a cancel. Inside a transaction the
 * notification is delivered at commit, so a watcher never wakes before the rows are visible; outside
 * one, call it right after the write. The payload is only the run id (NOTIFY payloads stay under 8000 bytes).
 */
export async function notifyRunChanged(db: Pick<Db, "$executeRaw">, runId: string): Promise<void> {
  await notify(db, RUN_CHANGES_CHANNEL, runId);
}
