import type { Command } from "commander";
import { journeyIndexStatus, refreshJourneyIndex } from "../journeys/journey-index.ts";
import { print, withRuntime } from "./with-runtime.ts";

/** `journeylens index refresh | status`: the journey index (docs/architecture.md). */
export function registerJourneyIndexCommand(program: Command) {
  const index = program
    .command("index")
    .description("the journey index that funnels, the journey map and breakpoints read (DuckDB)");

  index
    .command("refresh")
    .description("rebuild the journey index from the events and profiles as they are now")
    .option("--json", "print JSON")
    .action((flags: { json?: boolean }, command: Command) =>
      withRuntime(command, async (runtime) => {
        // Profiles first: an index built before queued identity updates land is stale at once.
        await runtime.identity?.flush();
        const summary = await refreshJourneyIndex(runtime.store);
        print(summary ?? { skipped: "PostgreSQL keeps no journey index" }, flags, () =>
          summary
            ? `journey index: ${summary.events.toLocaleString()} events of ${summary.profiles.toLocaleString()} profiles in ${summary.durationMs} ms`
            : "PostgreSQL keeps no journey index: analyses read the events directly",
        );
      }),
    );

  index
    .command("status")
    .description("whether the journey index is current (analyses use it only then)")
    .option("--json", "print JSON")
    .action((flags: { json?: boolean }, command: Command) =>
      withRuntime(command, async (runtime) => {
        const status = await journeyIndexStatus(runtime.store);
        print(status, flags, () =>
          status.indexed === null
            ? `no journey index (${status.events.toLocaleString()} events): analyses read the events directly`
            : `journey index ${status.fresh ? "current" : "STALE (analyses read the events directly until `journeylens index refresh`)"}: ${status.indexed.toLocaleString()} events indexed, built ${status.builtAt}; covers ${status.coveredEvents?.toLocaleString()} of ${status.events.toLocaleString()} stored events`,
        );
      }),
    );
}
