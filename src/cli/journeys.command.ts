import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { FlatParams } from "../core/journeys/query-params.ts";
import { type JourneyAnalysisName, runJourneyAnalysis } from "../journeys/journey-analyses.ts";
import { formatJourneyResult } from "./journeys-format.ts";
import { print, withRuntime } from "./with-runtime.ts";

type Flags = Record<string, string | string[] | boolean | undefined>;

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Flag name (camelCase, as commander gives it) → query-string parameter of the API. */
const PARAM_OF: Record<string, string> = {
  breakdownLimit: "breakdownLimit",
  collapse: "collapseRepeats",
  minProfiles: "minProfiles",
  minCount: "minCount",
  minShare: "minShare",
  maxEdges: "maxEdges",
  startEvent: "startEvent",
  returnEvent: "returnEvent",
  activeInterval: "activeInterval",
  gap: "gapMinutes",
  dropOff: "dropOff",
};

function toParams(flags: Flags): FlatParams {
  const params: FlatParams = {};
  for (const [flag, value] of Object.entries(flags)) {
    if (value === undefined || flag === "json" || flag === "spec") continue;
    params[PARAM_OF[flag] ?? flag] = typeof value === "boolean" ? String(value) : value;
  }
  return params;
}

/** `--spec` is a JSON spec (as the API's POST body), inline or `@file`. */
function specBody(text: string): unknown {
  const source = text.startsWith("@") ? readFileSync(text.slice(1), "utf8") : text;
  try {
    return JSON.parse(source);
  } catch (cause) {
    throw new Error(`--spec: not valid JSON (${(cause as Error).message})`);
  }
}

function addCommand(
  program: Command,
  name: JourneyAnalysisName,
  describe: (command: Command) => Command,
  positional?: (args: string[]) => FlatParams,
) {
  const command = describe(program.command(name))
    .option("--from <date>", "events at or after this ISO date")
    .option("--to <date>", "events before this ISO date")
    .option("--channel <list>", "only these channels (comma-separated or repeated)", collect)
    .option("--segment <json>", 'only profiles in this segment, e.g. \'{"channel":"app"}\'')
    .option("--spec <json>", "the whole spec as JSON (inline or @file), as the API's POST body")
    .option("--json", "print JSON (the same JSON as the API)");
  command.action(async (...args: unknown[]) => {
    const cmd = args.at(-1) as Command;
    const flags = cmd.opts<Flags>();
    const params = { ...toParams(flags), ...(positional ? positional(cmd.args) : {}) };
    await withRuntime(cmd, async (runtime) => {
      const input = typeof flags.spec === "string" ? { body: specBody(flags.spec) } : { params };
      const result = await runJourneyAnalysis(name, runtime.store, runtime.config.journeys, input);
      print(result, { json: flags.json === true }, () => formatJourneyResult(name, result));
    });
  });
}

export function registerJourneyCommands(program: Command) {
  addCommand(
    program,
    "funnel",
    (c) =>
      c
        .description("funnel conversion between ordered steps (docs/funnels.md)")
        .argument("[steps...]", "step event patterns in order (`*` wildcard)")
        .option(
          "--window <duration>",
          "conversion window from the first step: 30m, 12h, 7d, 2w",
          "7d",
        )
        .option("--mode <mode>", "ordered, strict or any", "ordered")
        .option("--exclude <event>", "exclusion step: EVENT or EVENT:FROM:TO (repeatable)", collect)
        .option("--breakdown <by>", "channel, property:KEY, trait:KEY, or JSON")
        .option("--breakdown-limit <n>", "buckets kept; the rest are gathered as other"),
    (args) => (args.length > 0 ? { step: args } : {}),
  );
  addCommand(program, "paths", (c) =>
    c
      .description("top paths from a start event, to an end event, or after a funnel drop-off")
      .option("--start <event>", "paths from the first event matching this pattern")
      .option("--end <event>", "paths to the first event matching this pattern")
      .option("--depth <n>", "events per path", "5")
      .option("--no-collapse", "keep consecutive repeats of an event")
      .option("--limit <n>", "top paths to show")
      .option("--min-profiles <n>", "leave out Sankey links with fewer profiles")
      .option("--drop-off <json>", 'paths after dropping off: {"funnel":{"steps":[…]},"step":2}')
      .option("--compare <json>", 'compare two groups: {"funnel":{…}} or {"segments":[…]}'),
  );
  addCommand(program, "map", (c) =>
    c
      .description("journey map: the directly-follows graph of events, stages or channel × event")
      .option("--activity <kind>", "event, stage or channel_event", "event")
      .option("--min-count <n>", "prune edges with a smaller count")
      .option("--min-share <x>", "prune edges below this share of their source's transitions")
      .option("--max-edges <n>", "keep at most this many edges")
      .option("--variants <n>", "most frequent journey variants to show"),
  );
  addCommand(program, "retention", (c) =>
    c
      .description("retention by first-event cohort, and active profiles per period")
      .option("--period <unit>", "cohort period: day, week or month", "week")
      .option("--periods <n>", "periods after the cohort's", "8")
      .option("--start-event <event>", "cohort by the first event matching this pattern")
      .option("--return-event <event>", "return means an event matching this pattern")
      .option("--active-interval <unit>", "active profiles per day, week or month", "day"),
  );
  addCommand(program, "sessions", (c) =>
    c
      .description("sessions across channels, split by inactivity")
      .option(
        "--gap <minutes>",
        "inactivity that ends a session (config journeys.sessionGapMinutes)",
      )
      .option("--profile <id>", "only this profile's sessions")
      .option("--limit <n>", "sessions to list (default 100)")
      .option("--top <n>", "top channel paths, entries and exits", "10"),
  );
  addCommand(program, "stages", (c) =>
    c
      .description("journey stages: furthest stage, transitions, first reached by week")
      .option("--profile <id>", "also this profile's stage timeline"),
  );
}
