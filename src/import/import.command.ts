import { Presets, SingleBar } from "cli-progress";
import { type Command, InvalidArgumentError, Option } from "commander";
import type { CountryCode } from "../core/identifiers.ts";
import { refreshJourneyIndex } from "../journeys/journey-index.ts";
import type { Runtime, RuntimeOptions } from "../runtime/runtime.ts";
import type { ColumnMapping } from "./column-mapping.ts";
import {
  checkInputs,
  type ImportProgress,
  type ImportSummary,
  importFiles,
} from "./file-import.ts";
import { formatImportSummary } from "./import-summary.ts";
import { applyMappingFlags, loadMappingFile } from "./mapping-input.ts";
import { IMPORT_FORMATS, type ImportFormat } from "./readers.ts";

interface ImportFlags {
  format?: ImportFormat;
  mapping?: string;
  map: string[];
  set: string[];
  source: string;
  rejects?: string;
  batchSize?: number;
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("not a positive integer");
  return n;
}

/** `journeylens import FILE...`: NDJSON, CSV or Parquet into the event store. */
export function registerImportCommand(
  program: Command,
  open: (flags: RuntimeOptions) => Promise<Runtime>,
): Command {
  return program
    .command("import")
    .description(
      "import events from NDJSON (Segment messages), CSV or Parquet files; re-importing a file adds nothing",
    )
    .argument(
      "<files...>",
      "input files: .ndjson .jsonl .json .csv .tsv (optionally .gz) or .parquet",
    )
    .addOption(
      new Option("--format <format>", "read every file as this format").choices(IMPORT_FORMATS),
    )
    .option("--mapping <file>", "column mapping (YAML or JSON)")
    .option(
      "--map <field=column>",
      'map a column, repeatable: userId="Customer ID", properties.score=NPS, traits=Plan',
      collect,
      [],
    )
    .option(
      "--set <field=value>",
      'set a constant, repeatable: event="Survey Responded", channel=crm',
      collect,
      [],
    )
    .option("--source <name>", "source id stored with the events", "import")
    .option(
      "--rejects <file>",
      "write rejected rows here (default: <file name>.rejected.ndjson in the current directory)",
    )
    .option("--batch-size <n>", "events per store insert (default 50000)", positiveInt)
    .option("--json", "print the summary as JSON")
    .action(async (files: string[], _flags: ImportFlags, command: Command) => {
      const flags = command.optsWithGlobals() as ImportFlags & RuntimeOptions;
      // Errors propagate to main, which prints them and exits non-zero; each names its file.
      const mapping = readMapping(flags);
      // Checked before the store is opened: a mistyped file name must not create a database.
      await checkInputs(files, { format: flags.format, rejectsPath: flags.rejects });
      const runtime = await open({ db: flags.db, pg: flags.pg, config: flags.config });
      const progress = createProgress(!flags.json && process.stderr.isTTY === true);
      let summary: ImportSummary;
      try {
        summary = await importFiles(runtime.store, files, {
          mapping,
          sourceId: flags.source,
          defaultRegion: runtime.config.defaultRegion as CountryCode,
          format: flags.format,
          rejectsPath: flags.rejects,
          batchSize: flags.batchSize,
          onProgress: progress?.update,
        });
        // Profiles settled, then the journey index the analyses read (docs/architecture.md).
        await runtime.identity?.flush();
        await refreshJourneyIndex(runtime.store);
      } finally {
        progress?.stop();
        await runtime.close();
      }
      process.stdout.write(
        flags.json ? `${JSON.stringify(summary, null, 2)}\n` : formatImportSummary(summary),
      );
    });
}

function readMapping(flags: ImportFlags): ColumnMapping | undefined {
  const fromFile = flags.mapping ? loadMappingFile(flags.mapping) : undefined;
  if (flags.map.length === 0 && flags.set.length === 0) return fromFile;
  return applyMappingFlags(fromFile ?? {}, { map: flags.map, set: flags.set });
}

/** One bar per file on stderr, on a terminal only (never in --json output or pipes). */
function createProgress(enabled: boolean) {
  if (!enabled) return undefined;
  const bar = new SingleBar(
    {
      format: "{file} [{bar}] {percentage}% | {rows} rows | ETA {eta_formatted}",
      hideCursor: true,
      fps: 10,
    },
    Presets.shades_classic,
  );
  let current: string | undefined;
  return {
    update: (p: ImportProgress) => {
      if (p.file !== current) {
        if (current !== undefined) bar.stop();
        current = p.file;
        bar.start(Math.max(1, p.totalBytes), 0, { file: p.file, rows: 0 });
      }
      bar.update(p.bytesRead, { rows: p.rows.toLocaleString("en-US") });
    },
    stop: () => {
      if (current !== undefined) bar.stop();
    },
  };
}
