import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { FlatParams } from "../core/journeys/query-params.ts";
import type { AnalysisInput } from "../core/parse-input.ts";

/**
 * `GET /api/NAME` with a query string and `POST /api/NAME` with the spec as JSON, for each
 * name of an analysis registry; both go through the registry's `run` (same JSON as the CLI).
 */
export function registerAnalysisRoutes<N extends string>(
  app: FastifyInstance,
  options: {
    names: readonly N[];
    run: (name: N, input: AnalysisInput) => Promise<unknown>;
    /** Names answered by GET only (their POST, if any, is registered elsewhere). */
    getOnly?: readonly N[];
  },
) {
  for (const name of options.names) {
    app.get(`/api/${name}`, async (request) =>
      options.run(name, { params: request.query as FlatParams }),
    );
    if (options.getOnly?.includes(name)) continue;
    app.post(`/api/${name}`, async (request) => options.run(name, { body: request.body }));
  }
}

/** Query parameters every analysis takes (docs/funnels.md#filters). */
export const FILTER_PARAMS: [string, string][] = [
  ["from", "ISO date, inclusive"],
  ["to", "ISO date, exclusive"],
  ["channel", "channels, comma-separated or repeated"],
  [
    "segment",
    'segment filter AST as JSON, e.g. {"and":[{"channel":"app"},{"trait":"tier","value":"gold"}]}',
  ],
];

const ErrorBody = z.toJSONSchema(
  z.object({
    success: z.literal(false),
    error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
  }),
);

/** 200 with a JSON object, 400 naming the bad field. */
export const jsonResponses = (description: string) => ({
  "200": { description, content: { "application/json": { schema: { type: "object" } } } },
  "400": {
    description: "invalid request: the field and reason are named",
    content: { "application/json": { schema: ErrorBody } },
  },
});

/** A required JSON request body described by a zod schema's input type. */
export const jsonRequestBody = (schema: z.ZodType) => ({
  required: true,
  content: {
    "application/json": {
      schema: z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }),
    },
  },
});

export const queryParameters = (params: readonly [string, string][]) =>
  params.map(([name, description]) => ({
    name,
    in: "query",
    required: false,
    description,
    schema: { type: "string" },
  }));

/** The OpenAPI path item of an analysis: GET with filters and its parameters, POST of the spec. */
export function analysisPathItem(analysis: {
  summary: string;
  schema: z.ZodType;
  query: readonly [string, string][];
  /** What the 200 answer is, e.g. "the funnel result (docs/funnels.md)". */
  result: string;
  filters?: readonly [string, string][];
}) {
  const responses = jsonResponses(analysis.result);
  return {
    get: {
      summary: analysis.summary,
      parameters: queryParameters([...(analysis.filters ?? FILTER_PARAMS), ...analysis.query]),
      responses,
    },
    post: {
      summary: `${analysis.summary} (spec as JSON)`,
      requestBody: jsonRequestBody(analysis.schema),
      responses,
    },
  };
}
