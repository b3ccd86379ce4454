import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import { type CsvError, parse } from "csv-parse";
import type { ReadBatch, ReadReject, ReadRow } from "./readers.ts";

const BATCH_ROWS = 2048;

const REASONS: Record<string, string> = {
  CSV_RECORD_INCONSISTENT_COLUMNS: "wrong number of columns",
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: "wrong number of columns",
  CSV_INVALID_CLOSING_QUOTE: "malformed quoting",
  CSV_QUOTE_NOT_CLOSED: "malformed quoting",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "malformed quoting",
};

interface CsvInfoRecord {
  record: Record<string, string>;
  info: { lines: number };
}

/**
 * Reads a CSV with a header row. A row with the wrong number of columns or broken quoting is
 * rejected with its line number; parsing carries on with the next row.
 */
export async function* readCsv(
  file: string,
  options: { delimiter: string },
): AsyncGenerator<ReadBatch> {
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  const skipped: ReadReject[] = [];
  let columns: string[] | undefined;
  const parser = parse({
    bom: true,
    delimiter: options.delimiter,
    columns: (header: string[]) => {
      columns = header.map((name) => String(name).trim());
      return columns;
    },
    info: true,
    skip_empty_lines: true,
    relax_column_count: false,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined, raw: string | undefined) => {
      const code = error?.code ?? "";
      skipped.push({
        line: Number((error as { lines?: number } | undefined)?.lines ?? 0),
        field: "row",
        reason: REASONS[code] ?? "malformed CSV",
        detail: error?.message,
        raw: raw?.replace(/\r?\n$/, "") ?? null,
      });
      return undefined;
    },
  });
  const source = /\.gz$/i.test(file) ? stream.pipe(createGunzip()) : stream;
  source.on("error", (error: Error) => parser.destroy(error));
  if (source !== stream) stream.on("error", (error) => parser.destroy(error));
  source.pipe(parser);

  let rows: ReadRow[] = [];
  for await (const { record, info } of parser as AsyncIterable<CsvInfoRecord>) {
    rows.push({ line: info.lines, row: record });
    if (rows.length >= BATCH_ROWS) {
      yield { rows, rejects: skipped.splice(0), bytesRead: stream.bytesRead, columns };
      rows = [];
    }
  }
  yield { rows, rejects: skipped.splice(0), bytesRead: stream.bytesRead, columns };
}
