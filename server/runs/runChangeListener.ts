import "server-only";
import { ChangeListener } from "../db/changeListener";
import { databaseListenUrl } from "../env";
import { RUN_CHANGES_CHANNEL } from "./runChanges";

// One listener per process: Next.js dev reloads modules, which would otherwise open another connection each time.
const globalForListener = globalThis as unknown as { vajraRunChangeListener?: ChangeListener };

/** This process's listener for run changes, keyed by run id; it connects on its first subscription. */
export function runChangeListener(): ChangeListener {
  globalForListener.vajraRunChangeListener ??= new ChangeListener(databaseListenUrl, RUN_CHANGES_CHANNEL);
  return globalForListener.vajraRunChangeListener;
}
