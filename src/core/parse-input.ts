import type { z } from "zod";
import { AppError } from "./app-error.ts";

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
