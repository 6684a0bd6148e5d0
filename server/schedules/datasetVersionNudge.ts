import type { Db } from "../db";
import { notify } from "../db/notify";
import { RUN_CHANGES_CHANNEL } from "../runs/runChanges";

/**
 * The key schedulers listen for: a dataset got a new version, so a dataset trigger may be due now rather
 * than at the next poll. It rides on the run-changes channel like QUEUED_WORK (server/queue/queuedWork.ts).
 */
export const DATASET_VERSION_ADDED = "dataset-version-added";

/** Wakes every process's scheduler; polling covers a notification that is lost. */
export async function announceDatasetVersion(db: Pick<Db, "$executeRaw">): Promise<void> {
  await notify(db, RUN_CHANGES_CHANNEL, DATASET_VERSION_ADDED);
}
