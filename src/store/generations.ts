import type { EventStore } from "./event-store.ts";

/**
 * Counters in `store_generations` (migration 4). `profiles`: the profile of any identifier;
 * `events`: events deleted or changed (inserts are covered by the count of events).
 */
export type GenerationName = "profiles" | "events";

export const BUMP_GENERATION_SQL = "UPDATE store_generations SET value = value + 1 WHERE name = $1";

/** Moves a generation on. Counters only grow, so a value once seen never comes back. */
export async function bumpGeneration(store: EventStore, name: GenerationName): Promise<void> {
  await store.exec(BUMP_GENERATION_SQL, [name]);
}

/**
 * Runs a change of what `name` counts, moving the generation before it starts and after it
 * ends (also when it fails). A reader that saw value g saw the data of generation g only if the
 * value is still g afterwards: a change in progress, or one that began after g was read, has
 * moved it at least once since (docs/architecture.md, journey index).
 */
export async function aroundGeneration<T>(
  store: EventStore,
  name: GenerationName,
  change: () => Promise<T>,
): Promise<T> {
  await bumpGeneration(store, name);
  try {
    return await change();
  } finally {
    await bumpGeneration(store, name);
  }
}
