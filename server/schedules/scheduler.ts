import type { Db } from "../db";
import type { RunQueue } from "../queue/runQueue";
import { fireDueSchedules } from "./fireDueSchedules";

export interface SchedulerOptions {
  db: Db;
  runs: Pick<RunQueue, "admit">;
  intervalMs: number;
  log: (message: string) => void;
  /** Calls `wake` when something may have become due (a new dataset version); returns the unsubscribe. */
  onNudge?: (wake: () => void) => Promise<() => void>;
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
  private passRunning = false;
  /** A nudge came during a pass: run another as soon as it ends. */
  private nudged = false;
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly options: SchedulerOptions) {}

  start(): void {
    this.tick();
    void this.options
      .onNudge?.(() => this.nudge())
      .then((unsubscribe) => {
        if (this.stopped) unsubscribe();
        else this.unsubscribe = unsubscribe;
      })
      // Without nudges the scheduler still polls.
      .catch((error: unknown) => this.options.log(`scheduler: not woken by new dataset versions, polling only: ${String(error)}`));
  }

  /** Waits for a pass in progress, so a stopping process does not leave a run half started. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    await this.pass;
  }

  private nudge(): void {
    if (this.stopped) return;
    if (this.passRunning) {
      this.nudged = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.tick();
  }

  private tick(): void {
    if (this.stopped) return;
    const { db, runs, intervalMs, log } = this.options;
    this.passRunning = true;
    this.nudged = false;
    this.pass = fireDueSchedules(db, runs, new Date(), { onTimeMs: Math.max(MIN_ON_TIME_MS, ON_TIME_POLLS * intervalMs), log })
      .then(() => undefined)
      // A database hiccup must not end the loop: the next pass retries whatever is still due.
      .catch((error: unknown) => log(`scheduler pass failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.passRunning = false;
        if (this.stopped) return;
        this.timer = setTimeout(() => this.tick(), this.nudged ? 0 : intervalMs);
        this.timer.unref();
      });
  }
}
