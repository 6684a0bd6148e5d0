import type { Db } from "../db";
import type { RunQueue } from "../queue/runQueue";
import { fireDueSchedules } from "./fireDueSchedules";

export interface SchedulerOptions {
  db: Db;
  runs: Pick<RunQueue, "admit">;
  intervalMs: number;
  log: (message: string) => void;
}

/** A slot noticed within this many polls is on time; one found later was missed while no scheduler ran. */
const ON_TIME_POLLS = 3;
const MIN_ON_TIME_MS = 5 * 60_000;

/**
 * Fires due schedules once now (start-up is when slots missed while everything was down run, or are
 * skipped) and then every `intervalMs`. Every worker process runs one; fireDueSchedules makes them agree.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: SchedulerOptions) {}

  start(): void {
    this.tick();
  }

  /** Waits for a pass in progress, so a stopping process does not leave a run half started. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.pass;
  }

  private tick(): void {
    if (this.stopped) return;
    const { db, runs, intervalMs, log } = this.options;
    this.pass = fireDueSchedules(db, runs, new Date(), { onTimeMs: Math.max(MIN_ON_TIME_MS, ON_TIME_POLLS * intervalMs), log })
      .then(() => undefined)
      // A database hiccup must not end the loop: the next pass retries whatever is still due.
      .catch((error: unknown) => log(`scheduler pass failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        if (this.stopped) return;
        this.timer = setTimeout(() => this.tick(), intervalMs);
        this.timer.unref();
      });
  }
}
