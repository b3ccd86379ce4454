import { readCsv } from "./csv-reader.ts";
import { ImportError } from "./import-error.ts";
import { readNdjson } from "./ndjson-reader.ts";
import { readParquet } from "./parquet-reader.ts";

export const IMPORT_FORMATS = ["ndjson", "csv", "parquet"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One row of a file: a line number (1-based; a CSV header is line 1) and its cells. */
export interface ReadRow {
  line: number;
  row: Record<string, unknown>;
}

/** A row the reader could not read (not JSON, wrong column count): rejected, never fatal. */
export interface ReadReject {
  line: number;
  field: string;
  /** Generic, so rejections can be counted by reason; specifics go in `detail`. */
  reason: string;
  detail?: string;
  raw: unknown;
}

/** Rows are read in batches so the importer runs a synchronous loop per batch, not per row. */
export interface ReadBatch {
  rows: ReadRow[];
  rejects: ReadReject[];
  /** Bytes of the input consumed so far (compressed bytes for `.gz`), for progress. */
  bytesRead: number;
  /** The header, once known (CSV, Parquet); undefined for NDJSON. */
  columns?: readonly string[];
}

export interface ReaderOptions {
  /** Total size of the input, to estimate progress where bytes are not visible (Parquet). */
  totalBytes: number;
}

/** The format a file name implies: `.ndjson`, `.jsonl`, `.json` (one message per line), `.csv`, `.tsv`, `.parquet`, optionally `.gz` (not Parquet). */
export function detectFormat(file: string): ImportFormat | undefined {
  const name = file.toLowerCase().replace(/\.gz$/, "");
  if (/\.(ndjson|jsonl|json)$/.test(name)) return "ndjson";
  if (/\.(csv|tsv)$/.test(name)) return "csv";
  if (/\.parquet$/.test(name)) return "parquet";
  return undefined;
}

/** Reads a file as batches of rows in the given format. */
export function readRows(
  file: string,
  format: ImportFormat,
  options: ReaderOptions,
): AsyncIterable<ReadBatch> {
  switch (format) {
    case "ndjson":
      return readNdjson(file);
    case "csv":
      return readCsv(file, { delimiter: /\.tsv(\.gz)?$/i.test(file) ? "\t" : "," });
    case "parquet":
      if (/\.gz$/i.test(file)) {
        throw new ImportError(
          `${file}: gzip-compressed Parquet is not supported (Parquet compresses its own pages)`,
        );
      }
      return readParquet(file, options);
  }
}
