import type { EventStore } from "../store/event-store.ts";

/**
 * Statements on the access tables (sign-in sessions, a key's last use): no analysis reads
 * them, so they leave the data version alone. Any other statement counts as a data write.
 */
const ACCESS_WRITE =
  /^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(?:users|auth_sessions|api_keys)"?[\s(]/i;

const TRACKED = Symbol.for("journeylens.dataVersion");

/**
 * The version of the data analyses read: it changes when a write starts and again when it
 * ends, so an answer computed before, during or across a write is never taken for the current
 * one. On PostgreSQL other processes may write too, so the database's own snapshot (the set of
 * committed transactions) is part of the version.
 */
export class DataVersion {
  #counter = 0;
  #writing = 0;
  readonly #settled = new Set<() => void>();

  constructor(private readonly snapshot?: () => Promise<string>) {}

  /** Runs a write, moving the version when it starts and when it settles. */
  async around<T>(write: () => Promise<T>): Promise<T> {
    this.#counter++;
    this.#writing++;
    try {
      return await write();
    } finally {
      this.#counter++;
      this.#writing--;
      if (this.#writing === 0) for (const listener of this.#settled) listener();
    }
  }

  /** Calls `listener` whenever the writes of this process have settled (none running). */
  onSettled(listener: () => void): () => void {
    this.#settled.add(listener);
    return () => this.#settled.delete(listener);
  }

  /** The version of the committed data now; null while a write of this process runs. */
  async current(): Promise<string | null> {
    if (this.#writing > 0) return null;
    const local = this.#counter;
    const snapshot = this.snapshot ? await this.snapshot() : "";
    if (this.#writing > 0 || this.#counter !== local) return null;
    return `${local}:${snapshot}`;
  }
}

type Tracked = EventStore & { [TRACKED]?: DataVersion };

/**
 * Moves one version on every write of `stores`: `insertEvents`, `createSource`, `migrate` and
 * `exec` (identity updates, rebuilds, splits and every module's tables go through these).
 * The methods are wrapped on each store object itself, so every holder of it — the runtime's
 * identity-wrapped store (`withIdentity` forwards to it), the identity service, the ingestion
 * and access services — writes through the wrapper. A store tracked before keeps its tracker.
 */
export function trackDataVersion(stores: readonly EventStore[]): DataVersion {
  const first = stores[0];
  if (!first) throw new Error("trackDataVersion: no store");
  const existing = stores.map((s) => (s as Tracked)[TRACKED]).find((v) => v !== undefined);
  const query = first.query.bind(first);
  const version =
    existing ??
    new DataVersion(
      first.kind === "postgres"
        ? async () => String((await query("SELECT pg_current_snapshot()::text AS v"))[0]?.v)
        : undefined,
    );
  for (const store of stores) if (!(store as Tracked)[TRACKED]) wrapWrites(store, version);
  return version;
}

function wrapWrites(store: EventStore, version: DataVersion) {
  const exec = store.exec.bind(store);
  const insertEvents = store.insertEvents.bind(store);
  const createSource = store.createSource.bind(store);
  const migrate = store.migrate.bind(store);
  const method = (value: unknown) => ({ value, writable: true, configurable: true });
  Object.defineProperties(store, {
    [TRACKED]: { value: version },
    exec: method((sql: string, values?: readonly unknown[]) =>
      ACCESS_WRITE.test(sql) ? exec(sql, values) : version.around(() => exec(sql, values)),
    ),
    insertEvents: method((events: Parameters<EventStore["insertEvents"]>[0]) =>
      version.around(() => insertEvents(events)),
    ),
    createSource: method((source: Parameters<EventStore["createSource"]>[0]) =>
      version.around(() => createSource(source)),
    ),
    migrate: method(() => version.around(migrate)),
  });
}
