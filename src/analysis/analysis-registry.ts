import type { z } from "zod";
import type { FlatParams } from "../core/journeys/query-params.ts";
import { type AnalysisInput, parseAnalysisInput } from "../core/parse-input.ts";
import type { EventStore } from "../store/event-store.ts";

/**
 * One analysis as the API and the CLI offer it: its spec schema, how flat parameters (query
 * string, CLI flags) become a spec, and the use-case that answers it with the config it reads.
 */
export interface Analysis<S extends z.ZodType, C> {
  summary: string;
  schema: S;
  fromParams(params: FlatParams): Record<string, unknown>;
  run(store: EventStore, spec: z.output<S>, config: C): Promise<unknown>;
}

/** Types one registry entry (keeps the spec type between `schema` and `run`). */
export const analysisOf =
  <C>() =>
  <S extends z.ZodType>(a: Analysis<S, C>) =>
    a;

/** Validates the request against the analysis's schema (AppError naming the field) and runs it. */
export function runAnalysis<C>(
  analysis: Analysis<z.ZodType, C>,
  store: EventStore,
  config: C,
  input: AnalysisInput,
): Promise<unknown> {
  return analysis.run(
    store,
    parseAnalysisInput(analysis.schema, analysis.fromParams, input),
    config,
  );
}
