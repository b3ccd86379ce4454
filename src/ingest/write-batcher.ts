interface Pending<T> {
  items: readonly T[];
  resolve(): void;
  reject(error: unknown): void;
}

export interface WriteBatcherOptions {
  /** Most items in one write; one caller's items are never split. */
  maxItems?: number;
  /**
   * Writes allowed in flight at once (default 1). A pool of connections (PostgreSQL) commits
   * several at a time; DuckDB, whose writes queue on one connection, gains from 2: the next
   * write prepares its rows while the running one commits.
   */
  concurrency?: number;
}

/**
 * Group commit: writes that arrive while writes are in flight are joined into the next write,
 * so many concurrent requests share one durable commit (one fsync) instead of paying one each.
 */
export class WriteBatcher<T> {
  #queue: Pending<T>[] = [];
  #running = 0;
  readonly #maxItems: number;
  readonly #concurrency: number;

  constructor(
    private readonly write: (items: T[]) => Promise<unknown>,
    options: WriteBatcherOptions | number = {},
  ) {
    const { maxItems = 20_000, concurrency = 1 } =
      typeof options === "number" ? { maxItems: options } : options;
    this.#maxItems = maxItems;
    this.#concurrency = Math.max(1, concurrency);
  }

  /** Resolves once the items are durably written (or rejects with the write's error). */
  add(items: readonly T[]): Promise<void> {
    if (items.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.#queue.push({ items, resolve, reject });
      if (this.#running < this.#concurrency) void this.#flush();
    });
  }

  /** One writer: takes groups off the queue until it is empty. */
  async #flush() {
    this.#running++;
    while (this.#queue.length > 0) {
      const group = this.#take();
      const items = group.flatMap((p) => p.items);
      try {
        await this.write(items);
        for (const pending of group) pending.resolve();
      } catch (error) {
        if (group.length === 1) group[0]?.reject(error);
        // One caller's bad data must not fail the others it was grouped with: retry alone.
        else for (const pending of group) await this.#writeAlone(pending);
      }
    }
    this.#running--;
  }

  async #writeAlone(pending: Pending<T>) {
    try {
      await this.write([...pending.items]);
      pending.resolve();
    } catch (error) {
      pending.reject(error);
    }
  }

  #take(): Pending<T>[] {
    const group: Pending<T>[] = [];
    let count = 0;
    while (this.#queue.length > 0) {
      const next = this.#queue[0] as Pending<T>;
      if (group.length > 0 && count + next.items.length > this.#maxItems) break;
      group.push(next);
      count += next.items.length;
      this.#queue.shift();
    }
    return group;
  }
}
