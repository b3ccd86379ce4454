/** Bound `$n` parameters collected while a query is built: every value goes through `add`. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A built query: SQL text and its bound values. */
export interface BuiltQuery {
  sql: string;
  values: unknown[];
}

/**
 * An integer written into SQL text where a bound parameter is not allowed (window frame
 * offsets). Only for numbers the spec schema has already validated as integers.
 */
export function sqlInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not a safe integer: ${value}`);
  return String(value);
}
