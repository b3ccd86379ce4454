import type { StoreKind } from "./event-store.ts";

/**
 * The SQL fragments that differ between DuckDB and PostgreSQL. Query builders are plain
 * functions of `(dialect, options)` that use these; every value is a bound `$n` parameter and
 * every identifier goes through `quoteIdent`.
 */
export interface SqlDialect {
  readonly kind: StoreKind;
  /** Text at a JSON path of a JSON column, e.g. `jsonText("context", ["app", "version"])`. */
  jsonText(column: string, path: readonly string[]): string;
  /** Milliseconds since the epoch of a timestamptz expression, as a double/bigint. */
  epochMs(expr: string): string;
  /** Truncates a timestamptz to the start of a UTC day / week (Monday) / month. */
  dateTrunc(unit: "day" | "week" | "month", expr: string): string;
  /** A bound parameter cast to timestamptz. */
  timestampParam(placeholder: string): string;
  /** Percentile (0..1) of an expression, continuous interpolation, as an aggregate. */
  percentile(fraction: number, expr: string): string;
}

/** Quotes an identifier (column, table, alias) for both dialects. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A SQL string literal. Only for fixed fragments such as JSON paths from config. */
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

export const DUCKDB_DIALECT: SqlDialect = {
  kind: "duckdb",
  jsonText: (column, path) =>
    `json_extract_string(${column}, ${literal(`$.${path.map((p) => JSON.stringify(p)).join(".")}`)})`,
  epochMs: (expr) => `epoch_ms(${expr})`,
  dateTrunc: (unit, expr) => `date_trunc('${unit}', ${expr} AT TIME ZONE 'UTC')`,
  timestampParam: (placeholder) => `CAST(${placeholder} AS TIMESTAMPTZ)`,
  percentile: (fraction, expr) => `quantile_cont(${expr}, ${Number(fraction)})`,
};

export const POSTGRES_DIALECT: SqlDialect = {
  kind: "postgres",
  jsonText: (column, path) =>
    `(${column} #>> ${literal(`{${path.map((p) => JSON.stringify(p)).join(",")}}`)})`,
  epochMs: (expr) => `(extract(epoch from ${expr}) * 1000)`,
  dateTrunc: (unit, expr) => `date_trunc('${unit}', ${expr} AT TIME ZONE 'UTC')`,
  timestampParam: (placeholder) => `CAST(${placeholder} AS TIMESTAMPTZ)`,
  percentile: (fraction, expr) =>
    `percentile_cont(${Number(fraction)}) WITHIN GROUP (ORDER BY ${expr})`,
};

/** A number from a driver value (DuckDB gives bigint for counts, PostgreSQL numeric strings). */
export function num(value: unknown): number {
  if (value === null || value === undefined) return Number.NaN;
  return typeof value === "bigint" ? Number(value) : Number(value);
}
