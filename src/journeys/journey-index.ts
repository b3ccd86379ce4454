import type { EventStore } from "../store/event-store.ts";
import { bumpGeneration } from "../store/generations.ts";
import { num } from "../store/sql-dialect.ts";
import { profileKey } from "./journey-profile.ts";

/**
 * Where journey queries read events from (docs/architecture.md#journey-index):
 *
 * - `live`: `events` joined to `profile_identifiers` (the profile key of every event), sorted by
 *   (timestamp, message id) in each query;
 * - `index`: `journey_index`, the named events with their profile as a dense INTEGER `pid`
 *   (numbered in code point order of the profile id, so `min(pid)` is the first profile id),
 *   `pos`, the event's position in its profile's journey order, and the previous event of that
 *   journey (`prev_event`, `prev_channel`, `prev_t`, `prev_timestamp`; NULL for the first),
 *   whether it is the first occurrence in its journey of its event (`first_of_event`) and of
 *   its transition (prev_event, event) (`first_of_transition`), written in (pid, pos) order;
 *   `journey_index_profiles(pid, profile_id, hash_rank)` names the profiles (`hash_rank`: the
 *   breakpoint contrast's order of profiles, `PROFILE_HASH_SEED`);
 * - for step sequences (a step is a channel × event): `step`, the event's step id
 *   (`journey_index_steps(step, channel, event)`, numbered from the most frequent), the ids of
 *   the three steps before it in the journey (`prev_step`, `prev_step2`, `prev_step3`; NULL
 *   before the first), and `first_of_gram1`…`first_of_gram4`: whether the sequence of the last
 *   1…4 steps ending here occurs here for the first time in the journey.
 *
 * A query uses the index only when `journey_index_state` says it covers exactly the events and
 * the profiles there are now (`journeySource`); otherwise it reads live.
 */
export type JourneySource = "live" | "index";

export interface JourneyIndexStatus {
  /** The index exists and covers the events and profiles as they are now. */
  fresh: boolean;
  /** Named events in the index (null when there is none). */
  indexed: number | null;
  /** Events (all types) it covers, and events now. */
  coveredEvents: number | null;
  events: number;
  builtAt: string | null;
}

export interface RefreshSummary {
  /** Named events indexed. */
  events: number;
  profiles: number;
  durationMs: number;
}

/**
 * The seed of the hash order of profile ids in which the breakpoint contrast numbers profiles
 * (its examples are the first and last in that order); the index keeps each profile's rank.
 */
export const PROFILE_HASH_SEED = 7;

/** Only DuckDB keeps the index (PostgreSQL always reads live). */
export const supportsJourneyIndex = (store: EventStore) => store.kind === "duckdb";

/** The shape of the index tables: an index written by another version is not read. */
const FORMAT = 4;

const generation = (name: string) => `(SELECT value FROM store_generations WHERE name = '${name}')`;

// Read in one statement: one snapshot of the values compared.
const FRESH_SQL = `SELECT s.events AS covered, s.built_at,
    (SELECT count(*) FROM events) AS events,
    s.format = ${FORMAT} AND s.profiles_generation = ${generation("profiles")}
      AND s.events_generation = ${generation("events")} AS same_generations
  FROM journey_index_state s`;

/** A `FRESH_SQL` row: the index covers the events and profiles as they are now. */
const isFresh = (row: Record<string, unknown>) =>
  row.same_generations === true && num(row.covered) === num(row.events);

/** Whether journey queries may read the index now; one small query. */
export async function journeySource(store: EventStore): Promise<JourneySource> {
  if (!supportsJourneyIndex(store)) return "live";
  const row = (await store.query(FRESH_SQL))[0];
  return row && isFresh(row) ? "index" : "live";
}

/** Distinct steps (channel × event) in the index (`journey_index_steps`). */
export async function indexedStepCount(store: EventStore): Promise<number> {
  return num((await store.query("SELECT count(*) AS n FROM journey_index_steps"))[0]?.n);
}

export async function journeyIndexStatus(store: EventStore): Promise<JourneyIndexStatus> {
  const events = await store.countEvents();
  if (!supportsJourneyIndex(store)) {
    return { fresh: false, indexed: null, coveredEvents: null, events, builtAt: null };
  }
  const row = (await store.query(FRESH_SQL))[0];
  if (!row) return { fresh: false, indexed: null, coveredEvents: null, events, builtAt: null };
  const indexed = (await store.query("SELECT count(*) AS n FROM journey_index"))[0]?.n;
  return {
    fresh: isFresh(row),
    indexed: num(indexed),
    coveredEvents: num(row.covered),
    events: num(row.events),
    builtAt: new Date(String(row.built_at)).toISOString(),
  };
}

/**
 * Rebuilds the index from the events and profiles as they are (DuckDB; a no-op returning null
 * on PostgreSQL). One transaction: readers see the old index with its state or the new one
 * with its state, and the state is read in the same snapshot as the events it covers.
 *
 * It runs on a connection of its own (`query`), not the writer's: ingestion is not held behind
 * a rebuild of millions of rows, and both commit (DuckDB's optimistic concurrency; they write
 * different tables). A failure ends that connection, which rolls the transaction back. The
 * index never changes an answer, so the data version (result cache) is left alone.
 */
export async function refreshJourneyIndex(store: EventStore): Promise<RefreshSummary | null> {
  if (!supportsJourneyIndex(store)) return null;
  const started = performance.now();
  const { join, key } = profileKey(store.dialect, "e");
  // Keyed once into a temporary table: the profile key (two joins) is most of the cost.
  await store.query(`BEGIN TRANSACTION;
    CREATE OR REPLACE TEMP TABLE journey_index_keyed AS
      SELECT ${key} AS profile_id, e.timestamp,
        CAST(floor(${store.dialect.epochMs("e.timestamp")}) AS BIGINT) AS t,
        e.event, e.channel, e.message_id
      FROM events e ${join} WHERE e.event IS NOT NULL;
    CREATE OR REPLACE TABLE journey_index_profiles AS
      SELECT CAST(row_number() OVER (ORDER BY profile_id) AS INTEGER) AS pid, profile_id,
        CAST(row_number() OVER (ORDER BY ${store.dialect.hash64("profile_id", PROFILE_HASH_SEED)}, profile_id) AS INTEGER) AS hash_rank
      FROM (SELECT DISTINCT profile_id FROM journey_index_keyed) d;
    CREATE OR REPLACE TABLE journey_index_steps AS
      SELECT CAST(row_number() OVER (ORDER BY count(*) DESC, channel, event) AS INTEGER) AS step,
        channel, event
      FROM journey_index_keyed GROUP BY channel, event;
    CREATE OR REPLACE TABLE journey_index AS
      SELECT *,
        row_number() OVER (PARTITION BY pid, event ORDER BY pos) = 1 AS first_of_event,
        row_number() OVER (PARTITION BY pid, prev_event, event ORDER BY pos) = 1 AS first_of_transition,
        row_number() OVER (PARTITION BY pid, step ORDER BY pos) = 1 AS first_of_gram1,
        prev_step IS NOT NULL
          AND row_number() OVER (PARTITION BY pid, prev_step, step ORDER BY pos) = 1 AS first_of_gram2,
        prev_step2 IS NOT NULL
          AND row_number() OVER (PARTITION BY pid, prev_step2, prev_step, step ORDER BY pos) = 1 AS first_of_gram3,
        prev_step3 IS NOT NULL
          AND row_number() OVER (PARTITION BY pid, prev_step3, prev_step2, prev_step, step ORDER BY pos) = 1 AS first_of_gram4
      FROM (
        SELECT p.pid,
          CAST(row_number() OVER w AS INTEGER) AS pos,
          k.t, k.timestamp, k.event, k.channel, k.message_id, s.step,
          lag(k.event) OVER w AS prev_event, lag(k.channel) OVER w AS prev_channel,
          lag(k.t) OVER w AS prev_t, lag(k.timestamp) OVER w AS prev_timestamp,
          lag(s.step) OVER w AS prev_step, lag(s.step, 2) OVER w AS prev_step2,
          lag(s.step, 3) OVER w AS prev_step3
        FROM journey_index_keyed k JOIN journey_index_profiles p ON p.profile_id = k.profile_id
        JOIN journey_index_steps s ON s.channel = k.channel AND s.event = k.event
        WINDOW w AS (PARTITION BY p.pid ORDER BY k.t, k.message_id)) j
      ORDER BY pid, pos;
    DROP TABLE journey_index_keyed;
    DELETE FROM journey_index_state;
    INSERT INTO journey_index_state (format, events, events_generation, profiles_generation, built_at)
      SELECT ${FORMAT}, (SELECT count(*) FROM events), ${generation("events")}, ${generation("profiles")}, now();
    COMMIT`);
  const counts = await store.query(
    `SELECT (SELECT count(*) FROM journey_index) AS events,
       (SELECT count(*) FROM journey_index_profiles) AS profiles`,
  );
  return {
    events: num(counts[0]?.events),
    profiles: num(counts[0]?.profiles),
    durationMs: Math.round(performance.now() - started),
  };
}

/** Marks the index stale (`exec` does it itself for statements that delete or change events). */
export async function invalidateJourneyIndex(store: EventStore): Promise<void> {
  await bumpGeneration(store, "events");
}
