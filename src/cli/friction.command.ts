import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { FlatParams } from "../core/journeys/query-params.ts";
import { type FrictionAnalysisName, runFrictionAnalysis } from "../friction/friction-analyses.ts";
import { formatFrictionResult } from "./friction-format.ts";
import { print, withRuntime } from "./with-runtime.ts";

type Flags = Record<string, string | string[] | boolean | undefined>;

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Flag name (camelCase, as commander gives it) → query-string parameter of the API. */
const PARAM_OF: Record<string, string> = { collapse: "collapseRepeats" };

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

const outcomeOptions = (c: Command) =>
  c
    .option("--outcome <kind>", "churn or goal")
    .option("--churn-event <event>", "churn event pattern (repeatable; config default)", collect)
    .option("--inactivity-days <n>", "also churned: no event in the last N days; 0 = off")
    .option("--lead-in-minutes <n>", "steps this close before the churn event are not counted")
    .option("--goal <event>", "with --outcome goal: the goal event pattern (repeatable)", collect);

function addCommand(
  program: Command,
  name: FrictionAnalysisName,
  describe: (command: Command) => Command,
) {
  describe(program.command(name))
    .option("--from <date>", "events at or after this ISO date")
    .option("--to <date>", "events before this ISO date")
    .option("--channel <list>", "only these channels (comma-separated or repeated)", collect)
    .option("--segment <json>", 'only profiles in this segment, e.g. \'{"channel":"app"}\'')
    .option("--spec <json>", "the whole spec as JSON (inline or @file), as the API's POST body")
    .option("--json", "print JSON (the same JSON as the API)")
    .action(async (...args: unknown[]) => {
      const cmd = args.at(-1) as Command;
      const flags = cmd.opts<Flags>();
      await withRuntime(cmd, async (runtime) => {
        const input =
          typeof flags.spec === "string"
            ? { body: specBody(flags.spec) }
            : { params: toParams(flags) };
        const result = await runFrictionAnalysis(name, runtime.store, runtime.config, input);
        print(result, { json: flags.json === true }, () => formatFrictionResult(name, result));
      });
    });
}

/** `journeylens friction | breakpoints | heatmap` (docs/friction.md). */
export function registerFrictionCommands(program: Command) {
  addCommand(program, "friction", (c) =>
    outcomeOptions(
      c.description(
        "friction signals per step and transition, with churn/goal shares given an --outcome",
      ),
    )
      .option("--min-count <n>", "leave out steps and transitions with fewer occurrences")
      .option("--limit <n>", "steps and transitions to list"),
  );
  addCommand(program, "breakpoints", (c) =>
    outcomeOptions(
      c.description(
        "step sequences over-represented in journeys that churned (or missed a goal), with significance",
      ),
    )
      .option("--max-length <n>", "longest sequence tested, 1 to 4")
      .option("--collapse", "count consecutive repeats of a step once")
      .option("--min-profiles <n>", "profiles a sequence needs to be tested")
      .option("--min-support <x>", "and this share of all profiles")
      .option("--min-lift <x>", "findings need at least this lift")
      .option("--alpha <q>", "false-discovery rate (Benjamini–Hochberg)")
      .option("--fold-coverage <x>", "share of profiles that counts as nearly the same")
      .option("--limit <n>", "findings to list"),
  );
  addCommand(program, "heatmap", (c) =>
    c
      .description("pain-point heatmap: friction score per stage × channel")
      .option("--top <n>", "contributing steps per cell"),
  );
}
