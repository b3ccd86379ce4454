import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { EngagementResult } from "../core/cx/engagement-result.ts";
import type { KanoResult } from "../core/cx/kano.ts";
import type { KpisResult } from "../core/cx/kpis-result.ts";
import type { FlatParams } from "../core/journeys/query-params.ts";
import type { CxResult } from "../cx/cx.ts";
import { type CxAnalysisName, runCxAnalysis } from "../cx/cx-analyses.ts";
import { kanoFromFile } from "../cx/kano-input.ts";
import { formatCx, formatEngagement, formatKano, formatKpis } from "./cx-format.ts";
import { print, withRuntime } from "./with-runtime.ts";

type Flags = Record<string, string | string[] | boolean | undefined>;

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Flag name (camelCase, as commander gives it) → query-string parameter of the API. */
const PARAM_OF: Record<string, string> = { gap: "gapMinutes" };

function toParams(flags: Flags): FlatParams {
  const params: FlatParams = {};
  for (const [flag, value] of Object.entries(flags)) {
    if (value === undefined || flag === "json" || flag === "spec") continue;
    params[PARAM_OF[flag] ?? flag] = typeof value === "boolean" ? String(value) : value;
  }
  return params;
}

function specBody(text: string): unknown {
  const source = text.startsWith("@") ? readFileSync(text.slice(1), "utf8") : text;
  try {
    return JSON.parse(source);
  } catch (cause) {
    throw new Error(`--spec: not valid JSON (${(cause as Error).message})`);
  }
}

const FORMAT: Record<CxAnalysisName, (result: never) => string> = {
  cx: (r: CxResult) => formatCx(r),
  engagement: (r: EngagementResult) => formatEngagement(r),
  kpis: (r: KpisResult) => formatKpis(r),
  kano: (r: KanoResult) => formatKano(r),
};

function addCommand(
  program: Command,
  name: CxAnalysisName,
  describe: (command: Command) => Command,
  options: { spec?: boolean } = {},
) {
  let command = describe(program.command(name))
    .option("--from <date>", "events at or after this ISO date")
    .option("--to <date>", "events before this ISO date")
    .option("--channel <list>", "only these channels (comma-separated or repeated)", collect)
    .option("--segment <json>", 'only profiles in this segment, e.g. \'{"channel":"app"}\'');
  if (options.spec !== false) {
    command = command.option("--spec <json>", "the whole spec as JSON (inline or @file)");
  }
  command.option("--json", "print JSON (the same JSON as the API)").action(async (...args) => {
    const cmd = args.at(-1) as Command;
    const flags = cmd.opts<Flags>();
    const file = name === "kano" ? cmd.args[0] : undefined;
    const output = (result: unknown) =>
      print(result, { json: flags.json === true }, () => FORMAT[name](result as never));
    if (file !== undefined) return output(kanoFromFile(file));
    await withRuntime(cmd, async (runtime) => {
      const input =
        typeof flags.spec === "string"
          ? { body: specBody(flags.spec) }
          : { params: toParams(flags) };
      output(await runCxAnalysis(name, runtime.store, runtime.config, input));
    });
  });
}

export function registerCxCommands(program: Command) {
  addCommand(program, "cx", (c) =>
    c
      .description("survey metrics (NPS, CSAT, CES) by breakdown and the CX index (docs/cx.md)")
      .option("--by <list>", "stage, channel, touchpoint, period, segment, trait:KEY, property:KEY")
      .option("--period <unit>", "unit of the period breakdown: day, week or month")
      .option("--segments <json>", 'named segments for --by segment: [{"name":…,"segment":{…}}]')
      .option("--surveys <list>", "survey types: nps, csat, ces")
      .option("--min-sample <n>", "flag groups with fewer answers (default cx.minSample)")
      .option("--confidence <x>", "confidence level of the intervals (default 0.95)")
      .option("--limit <n>", "groups kept per breakdown (default 50)")
      .option("--no-index", "leave out the CX index"),
  );
  addCommand(program, "engagement", (c) =>
    c
      .description("engagement score per profile: distribution, by segment, most engaged")
      .option("--by <list>", "segment, trait:KEY")
      .option("--segments <json>", 'named segments for --by segment: [{"name":…,"segment":{…}}]')
      .option("--profile <id>", "also this profile's score")
      .option("--limit <n>", "most engaged profiles listed (default 10)"),
  );
  addCommand(program, "kpis", (c) =>
    c
      .description(
        "channel KPIs: web, app, email, chat, call centre; stage and process abandonment",
      )
      .option("--gap <minutes>", "inactivity that ends a web/app session"),
  );
  addCommand(
    program,
    "kano",
    (c) =>
      c
        .description(
          "KANO categories and better/worse per feature, from a CSV/JSON of paired answers (or the kano survey events)",
        )
        .argument("[file]", "CSV or JSON: respondent, feature, functional, dysfunctional"),
    { spec: false },
  );
}
