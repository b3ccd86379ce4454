interface Waiting<T> {
  items: readonly T[];
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Collects items and hands them to `work` in groups: the first item of a group waits up to
 * `lingerMs` for others, and items that arrive while a group runs go into the next one. Each
 * `add` resolves when its items' group is done (or rejects with that group's error).
 *
 * Identity updates use it so that on DuckDB — one writer connection, a WAL sync per commit —
 * a few large updates a second share the writer with event inserts, not one per request.
 */
export class LingerQueue<T> {
  #waiting: Waiting<T>[] = [];
  #count = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = false;

  constructor(
    private readonly work: (items: T[]) => Promise<void>,
    private readonly options: { lingerMs: number; maxItems: number },
  ) {}

  /** Items queued and not yet handed to `work`. */
  get size(): number {
    return this.#count;
  }

  add(items: readonly T[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ items, resolve, reject });
      this.#count += items.length;
      this.#schedule();
    });
  }

  #schedule() {
    if (this.#running || this.#timer || this.#waiting.length === 0) return;
    const wait = this.#count >= this.options.maxItems ? 0 : this.options.lingerMs;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#run();
    }, wait);
  }

  async #run() {
    this.#running = true;
    const group: Waiting<T>[] = [];
    let taken = 0;
    while (this.#waiting.length > 0) {
      const next = this.#waiting[0] as Waiting<T>;
      if (group.length > 0 && taken + next.items.length > this.options.maxItems) break;
      group.push(next);
      taken += next.items.length;
      this.#waiting.shift();
    }
    this.#count -= taken;
    try {
      await this.work(group.flatMap((w) => w.items));
      for (const w of group) w.resolve();
    } catch (error) {
      for (const w of group) w.reject(error);
    } finally {
      this.#running = false;
      this.#schedule();
    }
  }
}
