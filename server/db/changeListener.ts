import "server-only";
import pg from "pg";

/** With no watcher left, the connection is kept this long for the next one, then closed (so a process can exit). */
const IDLE_CLOSE_MS = 10_000;
const FIRST_RETRY_MS = 250;
const MAX_RETRY_MS = 10_000;

type OnChange = () => void;

/**
 * One connection per process and channel that LISTENs for changes announced with NOTIFY (run progress:
 * server/runs/runChanges.ts; endpoints: server/deployments/endpointChanges.ts), shared by every
 * subscriber in the process and fanned out to them by payload (a run id, an endpoint slug). Opened on
 * the first subscription, reopened with backoff when it drops, closed a while after the last subscriber leaves.
 */
export class ChangeListener {
  private readonly subscribers = new Map<string, Set<OnChange>>();
  /** The connection in use or being opened. */
  private current: pg.Client | null = null;
  /** Settles (never rejects) once the current connection is listening or has failed to. */
  private ready: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private retryMs = FIRST_RETRY_MS;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly idleCloseMs = IDLE_CLOSE_MS,
  ) {}

  /**
   * Calls `onChange` whenever `key` is announced on the channel, and after a reconnect (changes made while
   * nobody listened were not announced). Resolves once listening, or once that failed: a watcher's own
   * periodic re-read covers the time until a retry succeeds. Returns the unsubscribe function.
   */
  async subscribe(key: string, onChange: OnChange): Promise<() => void> {
    // A wrapper per call, so the same function subscribed twice is two subscriptions.
    const entry = () => onChange();
    const forKey = this.subscribers.get(key) ?? new Set<OnChange>();
    forKey.add(entry);
    this.subscribers.set(key, forKey);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (!this.current && !this.retryTimer) this.connect();
    await this.ready;
    return () => this.unsubscribe(key, entry);
  }

  /**
   * Calls `key`'s subscribers in this process now, without waiting for the NOTIFY's round trip: the
   * process that made a change sees it at once (other processes get the notification).
   */
  deliver(key: string): void {
    for (const onChange of this.subscribers.get(key) ?? []) onChange();
  }

  /** Closes the connection now; a later subscription opens a new one. */
  close(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.retryTimer = this.idleTimer = null;
    this.retryMs = FIRST_RETRY_MS;
    const client = this.current;
    this.current = null;
    this.ready = null;
    client?.end().catch(() => undefined);
  }

  private unsubscribe(key: string, entry: OnChange): void {
    const forKey = this.subscribers.get(key);
    if (!forKey?.delete(entry)) return;
    if (forKey.size === 0) this.subscribers.delete(key);
    if (this.subscribers.size > 0 || this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.subscribers.size === 0) this.close();
    }, this.idleCloseMs);
    // The open connection keeps the process alive until this closes it; the timer itself need not.
    this.idleTimer.unref();
  }

  private connect(): void {
    const client = new pg.Client({ connectionString: this.connectionString });
    this.current = client;
    client.on("notification", (message) => {
      if (message.channel !== this.channel || !message.payload) return;
      for (const onChange of this.subscribers.get(message.payload) ?? []) onChange();
    });
    client.on("error", () => this.dropped(client));
    client.on("end", () => this.dropped(client));
    this.ready = client
      .connect()
      .then(() => client.query(`LISTEN ${this.channel}`))
      .then(
        () => {
          if (client !== this.current) return;
          this.retryMs = FIRST_RETRY_MS;
          for (const forKey of this.subscribers.values()) for (const onChange of forKey) onChange();
        },
        () => this.dropped(client),
      );
  }

  private dropped(client: pg.Client): void {
    if (client !== this.current) return;
    this.current = null;
    this.ready = null;
    client.end().catch(() => undefined);
    if (this.subscribers.size === 0 || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.subscribers.size > 0 && !this.current) this.connect();
    }, this.retryMs);
    this.retryTimer.unref();
    this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
  }
}
