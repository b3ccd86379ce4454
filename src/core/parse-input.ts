import type { z } from "zod";
import { AppError } from "./app-error.ts";
import { type FlatParams, ParamError } from "./journeys/query-params.ts";

/** Validates input with a zod schema; the AppError names the first bad field and the reason. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.map(String).join(".") || undefined;
  throw new AppError(
    "invalid_request",
    `${field ? `${field}: ` : ""}${issue?.message ?? "invalid"}`,
    field,
  );
}

/** An analysis request: flat parameters (query string, CLI flags) or a JSON spec (POST body). */
export type AnalysisInput = { params: FlatParams } | { body: unknown };

/**
 * The validated spec of an analysis request. Flat parameters go through `fromParams` first;
 * a parameter that cannot be read and a spec that does not validate both become an
 * `invalid_request` AppError naming the field.
 */
export function parseAnalysisInput<S extends z.ZodType>(
  schema: S,
  fromParams: (params: FlatParams) => unknown,
  input: AnalysisInput,
): z.output<S> {
  let raw: unknown;
  try {
    raw = "params" in input ? fromParams(input.params) : input.body;
  } catch (error) {
    if (error instanceof ParamError)
      throw new AppError("invalid_request", error.message, error.field);
    throw error;
  }
  return parseInput(schema, raw);
}
