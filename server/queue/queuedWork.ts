import type { Db } from "../db";
import { notify } from "../db/notify";
import { RUN_CHANGES_CHANNEL } from "../runs/runChanges";

/**
 * The key idle workers listen for: a job was just queued (a run admitted, a trial proposed). It rides on
 * the run-changes channel, whose listener fans out by payload; run ids are cuids, so it never collides.
 */
export const QUEUED_WORK = "queued-work";

/** Wakes idle workers everywhere; inside a transaction it is delivered at commit, when the job is visible. */
export async function announceQueuedWork(db: Pick<Db, "$executeRaw">): Promise<void> {
  await notify(db, RUN_CHANGES_CHANNEL, QUEUED_WORK);
}
