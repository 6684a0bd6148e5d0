/** How long an idle pool keeps the last fit's memory before letting it go. */
const IDLE_RELEASE_MS = 60_000;

/**
 * Shared memory lent to one fit at a time and kept for the next. On these machines (Firecracker
 * VMs) the first touch of fresh memory faults page by page: filling a new 8 MB buffer took 28 ms,
 * filling it again 0.4 ms, and a linear fit copies its whole table into shared memory. A later fit
 * that asks for buffers of the sizes the last one used gets those back, zero-filled as new ones
 * would be. Between fits the pool holds at most what the last fit used, and nothing after a minute
 * without fits.
 */
export class SharedMemoryPool {
  private free = new Map<number, ArrayBufferLike[]>();
  private lent: ArrayBufferLike[] = [];
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly create: (bytes: number) => ArrayBufferLike) {}

  /** A zero-filled buffer of `bytes`, lent until settle(). */
  readonly take = (bytes: number): ArrayBufferLike => {
    const reused = this.free.get(bytes)?.pop();
    if (reused !== undefined) new Uint8Array(reused).fill(0);
    const buffer = reused ?? this.create(bytes);
    this.lent.push(buffer);
    return buffer;
  };

  /** The fit is over and nothing of it reads its buffers any more: they are kept for the next fit, the rest let go. */
  settle(): void {
    const free = new Map<number, ArrayBufferLike[]>();
    for (const buffer of this.lent) {
      const same = free.get(buffer.byteLength);
      if (same) same.push(buffer);
      else free.set(buffer.byteLength, [buffer]);
    }
    this.free = free;
    this.lent = [];
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => (this.free = new Map()), IDLE_RELEASE_MS);
    // In Node, an idle pool must not keep the process alive (browsers' timers have no unref).
    (this.idleTimer as { unref?: () => void }).unref?.();
  }
}
