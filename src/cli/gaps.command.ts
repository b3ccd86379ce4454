import { readFileSync } from "node:fs";
import type { Command } from "commander";
import type { AuditResult } from "../core/gaps/audit-result.ts";
import type { ContinuityResult } from "../core/gaps/continuity-result.ts";
import { gapsInput } from "../core/gaps/query-params.ts";
import type { TasksResult } from "../core/gaps/tasks-result.ts";
import type { FlatParams } from "../core/journeys/query-params.ts";
import { readContentFile } from "../gaps/content-file.ts";
import {
  type ChannelAnalysisName,
  runAuditRequest,
  runChannelAnalysis,
} from "../gaps/gap-analyses.ts";
import type { GapsResult } from "../gaps/gaps.ts";
import { loadConfig, resolveRuntimeOptions } from "../runtime/runtime.ts";
import { formatAudit, formatContinuity, formatGaps, formatTasks } from "./gaps-format.ts";
import { print, runtimeFlags, withRuntime } from "./with-runtime.ts";

type Flags = Record<string, string | string[] | boolean | undefined>;

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Flag name (camelCase, as commander gives it) → query-string parameter of the API. */
const PARAM_OF: Record<string, string> = { window: "windowMinutes", content: "" };

function toParams(flags: Flags): FlatParams {
  const params: FlatParams = {};
  for (const [flag, value] of Object.entries(flags)) {
    const param = PARAM_OF[flag] ?? flag;
    if (value === undefined || param === "" || flag === "json" || flag === "spec") continue;
    params[param] = typeof value === "boolean" ? String(value) : value;
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

const FORMAT: Record<ChannelAnalysisName, (result: unknown) => string> = {
  tasks: (r) => formatTasks(r as TasksResult),
  gaps: (r) => formatGaps(r as GapsResult),
  continuity: (r) => formatContinuity(r as ContinuityResult),
};

function addCommand(
  program: Command,
  name: ChannelAnalysisName,
  describe: (command: Command) => Command,
) {
  const command = describe(program.command(name))
    .option("--task <task>", "a configured task name, or a definition (repeatable)", collect)
    .option("--from <date>", "events at or after this ISO date")
    .option("--to <date>", "events before this ISO date")
    .option("--channel <list>", "only these channels (comma-separated or repeated)", collect)
    .option("--segment <json>", 'only profiles in this segment, e.g. \'{"channel":"app"}\'')
    .option("--spec <json>", "the whole spec as JSON (inline or @file), as the API's POST body")
    .option("--json", "print JSON (the same JSON as the API)");
  command.action(async (flags: Flags, cmd: Command) => {
    await withRuntime(cmd, async (runtime) => {
      const params = toParams(flags);
      const input =
        typeof flags.spec === "string"
          ? { body: specBody(flags.spec) }
          : typeof flags.content === "string"
            ? { body: { ...gapsInput(params), content: readContentFile(flags.content) } }
            : { params };
      const result = await runChannelAnalysis(name, runtime.store, runtime.config, input);
      print(result, { json: flags.json === true }, () => FORMAT[name](result));
    });
  });
}

export function registerGapCommands(program: Command) {
  addCommand(program, "tasks", (c) =>
    c.description(
      "tasks per channel: attempts, completion, failures, time to complete, CSAT, CES, sentiment",
    ),
  );
  addCommand(program, "gaps", (c) =>
    c
      .description(
        "channel gaps of each task against its best channel, with root causes (docs/channel-consistency.md)",
      )
      .option("--alpha <q>", "false discovery rate of the tests (config gaps.alpha)")
      .option(
        "--min-sample <n>",
        "observations a channel needs on a metric (config gaps.minSample)",
      )
      .option("--root-causes <n>", "root causes listed per gap (config gaps.rootCauses)")
      .option(
        "--dimension <key>",
        "drill-down dimension (repeatable; default config gaps.dimensions)",
        collect,
      )
      .option("--content <file>", "also audit these content items (CSV/JSON): content gaps"),
  );
  addCommand(program, "continuity", (c) =>
    c
      .description(
        "channel switches, switches during tasks, restarts on the new channel (context lost)",
      )
      .option("--window <minutes>", "switch window in minutes (config continuity.windowMinutes)")
      .option(
        "--ignore-channel <list>",
        "channels invisible to continuity (comma-separated)",
        collect,
      )
      .option("--top <n>", "channel pairs listed", "20"),
  );
  program
    .command("audit")
    .description("content consistency across channels and brand voice of a CSV/JSON items file")
    .argument("<file>", "content items: key, channel, language, type, updated_at, version, fields…")
    .option("--channels <list>", "channels every item should be on (default: all in the file)")
    .option("--json", "print JSON (the same JSON as POST /api/audit)")
    .action((file: string, flags: { channels?: string; json?: boolean }, cmd: Command) => {
      // The audit reads no events: only the config is loaded, the store is not opened.
      const config = loadConfig(resolveRuntimeOptions(runtimeFlags(cmd)).config);
      const channels = flags.channels
        ?.split(",")
        .map((c) => c.trim())
        .filter(Boolean);
      const result: AuditResult = runAuditRequest(
        { items: readContentFile(file), ...(channels ? { channels } : {}) },
        config,
      );
      print(result, { json: flags.json === true }, () => formatAudit(result));
    });
}
