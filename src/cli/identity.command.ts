import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Command } from "commander";
import type { DemoTruth } from "../demo/demo-types.ts";
import { identityOptionsOf } from "../identity/identity-config.ts";
import { inMemoryQuality, type QualityReport, storeQuality } from "../identity/identity-quality.ts";
import type { IdentityService } from "../identity/identity-service.ts";
import { loadConfig, type Runtime, resolveRuntimeOptions } from "../runtime/runtime.ts";
import { print, runtimeFlags, withRuntime } from "./with-runtime.ts";

const identityOf = (runtime: Runtime): IdentityService => {
  if (!runtime.identity) throw new Error("identity resolution is not wired in this runtime");
  return runtime.identity;
};

interface QualityFlags {
  truth?: string;
  inMemory?: boolean;
  customers: string;
  seed: string;
  json?: boolean;
}

/** `journeylens identity rebuild | quality | conflicts | rules | status`. */
export function registerIdentityCommand(program: Command) {
  const identity = program
    .command("identity")
    .description("identity resolution: rebuild profiles, check quality, review conflicts");

  identity
    .command("rebuild")
    .description("resolve every stored event into profiles from scratch (after config changes)")
    .option("--json", "print JSON")
    .action((flags: { json?: boolean }, command: Command) =>
      withRuntime(command, async (runtime) => {
        const summary = await identityOf(runtime).rebuild({
          onProgress: (events) => {
            if (!flags.json && process.stderr.isTTY)
              process.stderr.write(`\rread ${events} events`);
          },
        });
        if (!flags.json && process.stderr.isTTY) process.stderr.write("\n");
        print(
          summary,
          flags,
          () =>
            `${summary.events} events → ${summary.identifiers} identifiers, ${summary.edges} links, ${summary.profiles} profiles, ${summary.conflicts} conflicts in ${summary.durationMs} ms`,
        );
      }),
    );

  identity
    .command("quality")
    .description(
      "pairwise precision and recall of profiles against planted truth (the demo's truth file, else a demo generated in memory)",
    )
    .option(
      "--truth <file>",
      "truth file (default: journeylens-demo.truth.json beside the DuckDB file)",
    )
    .option("--in-memory", "generate a demo in memory instead of reading the store")
    .option("--customers <n>", "in memory: customers to generate", "3000")
    .option("--seed <n>", "in memory: random seed", "42")
    .option("--json", "print JSON")
    .action(async (flags: QualityFlags, command: Command) => {
      const options = resolveRuntimeOptions(runtimeFlags(command));
      const truthPath = resolve(
        flags.truth ?? join(options.db ? dirname(options.db) : ".", "journeylens-demo.truth.json"),
      );
      let report: QualityReport;
      if (flags.inMemory || (!flags.truth && !existsSync(truthPath))) {
        const config = loadConfig(options.config);
        report = await inMemoryQuality(identityOptionsOf(config.identity, config.defaultRegion), {
          customers: positiveInt(flags.customers, "--customers"),
          seed: positiveInt(flags.seed, "--seed"),
        });
      } else {
        const truth = JSON.parse(readFileSync(truthPath, "utf8")) as DemoTruth;
        if (!truth.identity?.persons) throw new Error(`${truthPath} is not a demo truth file`);
        report = await withRuntime(command, async (runtime) => {
          await identityOf(runtime).flush();
          return storeQuality(identityOf(runtime).tables, truth, truthPath);
        });
      }
      print(report, flags, () => qualityText(report));
    });

  identity
    .command("conflicts")
    .description("merges that did not happen and values stopped from linking, for review")
    .option("--limit <n>", "conflicts to show", "100")
    .option("--json", "print JSON")
    .action((flags: { json?: boolean; limit: string }, command: Command) =>
      withRuntime(command, async (runtime) => {
        const conflicts = await identityOf(runtime).tables.conflicts({
          limit: positiveInt(flags.limit, "--limit"),
        });
        print({ conflicts }, flags, () =>
          conflicts.length === 0
            ? "no conflicts"
            : conflicts
                .map(
                  (c) =>
                    `${c.kind.padEnd(11)} ${c.identifiers.join(", ")}\n            ${c.detail}`,
                )
                .join("\n"),
        );
      }),
    );

  identity
    .command("rules")
    .description("split rules (journeylens profile split / unsplit)")
    .option("--json", "print JSON")
    .action((flags: { json?: boolean }, command: Command) =>
      withRuntime(command, async (runtime) => {
        const rules = await identityOf(runtime).rules();
        print({ rules }, flags, () =>
          rules.length === 0
            ? "no split rules"
            : rules
                .map(
                  (r) =>
                    `${r.id}  ${r.kind.padEnd(11)} ${r.identifiers.join(", ")}${r.note ? `  (${r.note})` : ""}`,
                )
                .join("\n"),
        );
      }),
    );

  identity
    .command("status")
    .description("identifier values ignored, by type and reason")
    .option("--json", "print JSON")
    .action((flags: { json?: boolean }, command: Command) =>
      withRuntime(command, async (runtime) => {
        const rejections = await identityOf(runtime).tables.rejections();
        print({ rejections }, flags, () =>
          rejections.length === 0
            ? "no identifier values ignored"
            : rejections
                .map(
                  (r) =>
                    `${r.type.padEnd(13)} ${r.reason.padEnd(28)} ${String(r.messages).padStart(8)}  e.g. ${r.example}`,
                )
                .join("\n"),
        );
      }),
    );
}

function positiveInt(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${flag}: "${value}" is not a positive integer`);
  return n;
}

function qualityText(r: QualityReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  return [
    `identity quality on ${r.source}`,
    `  precision ${pct(r.precision)}  recall ${pct(r.recall)}  F1 ${pct(r.f1)}`,
    `  ${r.identifiers} identifiers of ${r.persons} persons; ${r.correctPairs} of ${r.predictedPairs} merged pairs correct, ${r.correctPairs} of ${r.truePairs} true pairs found`,
    `  traps present: ${r.traps.sharedDevices} shared devices, ${r.traps.sharedAnonymousIds} shared app installs, ${r.traps.placeholders} placeholder values`,
  ].join("\n");
}
