import type { StoredEvent } from "../core/stored-event.ts";
import type { EventStore } from "../store/event-store.ts";

/**
 * Collects events into store batches and overlaps each insert with reading and normalising
 * the next rows: the database works on one batch while JavaScript parses the next. At most
 * one insert waits behind the running one, so memory stays at a few batches.
 */
export class BatchInserter {
  #buffer: StoredEvent[] = [];
  #inFlight: Promise<void>[] = [];
  #failure: { error: unknown } | undefined;
  sent = 0;
  inserted = 0;

  constructor(
    private readonly store: EventStore,
    private readonly batchSize: number,
  ) {}

  /** Synchronous so the per-row loop has no await; starts an insert when a batch is full. */
  add(event: StoredEvent): void {
    this.#buffer.push(event);
    if (this.#buffer.length >= this.batchSize) this.#flush();
  }

  /** Waits until at most `pending` inserts are running; rethrows an insert's failure. */
  async settle(pending = 1): Promise<void> {
    while (this.#inFlight.length > pending) await this.#inFlight.shift();
    if (this.#failure) throw this.#failure.error;
  }

  /** Inserts what is buffered and waits for every insert: afterwards all of it is durable. */
  async finish(): Promise<void> {
    this.#flush();
    await this.settle(0);
  }

  /** Lets running inserts end (after a failure elsewhere) without leaving them unobserved. */
  async abandon(): Promise<void> {
    await Promise.allSettled(this.#inFlight);
    this.#inFlight = [];
  }

  #flush() {
    if (this.#buffer.length === 0) return;
    const events = this.#buffer;
    this.#buffer = [];
    this.sent += events.length;
    // The failure is recorded rather than left as a rejected promise nobody awaits yet.
    const insert = this.store.insertEvents(events).then(
      (count) => {
        this.inserted += count;
      },
      (error: unknown) => {
        this.#failure ??= { error };
      },
    );
    this.#inFlight.push(insert);
  }
}
