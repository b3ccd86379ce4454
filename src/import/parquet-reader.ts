import { DuckDBInstance } from "@duckdb/node-api";
import { ImportError } from "./import-error.ts";
import type { ReadBatch, ReaderOptions } from "./readers.ts";

/**
 * Reads Parquet through an in-memory DuckDB of its own (whatever the event store is), streamed
 * chunk by chunk so a large file is never held whole. Row numbers are 1-based row indexes.
 */
export async function* readParquet(
  file: string,
  options: ReaderOptions,
): AsyncGenerator<ReadBatch> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    let totalRows: number;
    let result: Awaited<ReturnType<typeof connection.stream>>;
    try {
      // Row counts come from the footer metadata: no scan.
      const meta = await connection.runAndReadAll(
        "SELECT coalesce(sum(num_rows), 0) AS n FROM parquet_file_metadata($1)",
        [file],
      );
      totalRows = Number(meta.getRowObjectsJS()[0]?.n ?? 0);
      result = await connection.stream("SELECT * FROM read_parquet($1)", [file]);
    } catch (cause) {
      throw new ImportError(`${file}: not a readable Parquet file: ${(cause as Error).message}`);
    }
    const columns = result.columnNames();
    let line = 0;
    for await (const chunk of result.yieldRowObjectJs()) {
      const rows = chunk.map((cells) => ({ line: ++line, row: plainRow(cells) }));
      const bytesRead = totalRows > 0 ? Math.round((options.totalBytes * line) / totalRows) : 0;
      yield { rows, rejects: [], bytesRead, columns };
    }
    if (line === 0) yield { rows: [], rejects: [], bytesRead: options.totalBytes, columns };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

function plainRow(cells: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const key in cells) row[key] = plain(cells[key]);
  return row;
}

// DuckDB hands back bigints (which JSON.stringify rejects), Dates and byte arrays; events
// keep JSON-safe values only.
function plain(value: unknown): unknown {
  if (value === null || typeof value !== "object") {
    if (typeof value === "bigint") {
      return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
    }
    return value;
  }
  if (value instanceof Date) return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map(plain);
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = inner instanceof Date ? inner.toISOString() : plain(inner);
  }
  return out;
}
