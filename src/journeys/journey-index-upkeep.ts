import type { EventStore } from "../store/event-store.ts";
import { journeySource, refreshJourneyIndex, supportsJourneyIndex } from "./journey-index.ts";

export interface JourneyIndexUpkeepOptions {
  /** Writes must have been quiet this long before a refresh starts (default 5 s). */
  quietMs?: number;
  /** Where a failed refresh is reported (the next write schedules another). */
  onError?: (error: unknown) => void;
}

/**
 * Keeps the journey index current in a long-running process (the server): `poke` after every
 * write; once writes have been quiet for `quietMs`, it checks the index and rebuilds it when
 * stale. One refresh at a time; a poke during one checks again after it. Until the refresh
 * ends, queries read live (never a stale index). No-op on PostgreSQL.
 */
export class JourneyIndexUpkeep {
  readonly #quietMs: number;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #closed = false;
  refreshes = 0;

  constructor(
    private readonly store: EventStore,
    private readonly options: JourneyIndexUpkeepOptions = {},
  ) {
    this.#quietMs = options.quietMs ?? 5000;
  }

  /** Something was written: (re)start the quiet period. */
  poke(): void {
    if (this.#closed || !supportsJourneyIndex(this.store)) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#run(), this.#quietMs);
    this.#timer.unref();
  }

  /** Resolves when no refresh is running or due (for tests and shutdown). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.idle();
  }

  #run(): void {
    if (this.#running) {
      // Its own check at the end may miss writes made meanwhile: look again after it.
      void this.#running.then(() => this.poke());
      return;
    }
    this.#running = (async () => {
      if ((await journeySource(this.store)) === "index") return;
      await refreshJourneyIndex(this.store);
      this.refreshes++;
    })()
      .catch((error: unknown) => this.options.onError?.(error))
      .finally(() => {
        this.#running = undefined;
      });
  }
}
