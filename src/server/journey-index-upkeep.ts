import { JourneyIndexUpkeep } from "../journeys/journey-index-upkeep.ts";
import type { Runtime } from "../runtime/runtime.ts";
import { trackDataVersion } from "./data-version.ts";

/**
 * The server's journey index upkeep: every write of the runtime's stores (the tracker the
 * result cache uses) pokes it, so the index is rebuilt once writes have settled; one poke at
 * start catches an index left stale by an earlier process (an import without refresh).
 */
export function startJourneyIndexUpkeep(
  runtime: Pick<Runtime, "store" | "identity">,
  options: { quietMs?: number; log?: (line: string) => void } = {},
): JourneyIndexUpkeep {
  const upkeep = new JourneyIndexUpkeep(runtime.store, {
    quietMs: options.quietMs,
    onError: (error) =>
      options.log?.(
        `journey index refresh failed: ${error instanceof Error ? error.message : String(error)}`,
      ),
  });
  const version = trackDataVersion(
    runtime.identity ? [runtime.identity.store, runtime.store] : [runtime.store],
  );
  version.onSettled(() => upkeep.poke());
  upkeep.poke();
  return upkeep;
}
