import { useApi } from "./use-api.ts";

interface OpenApiDoc {
  paths: Record<string, unknown>;
}

/**
 * The API paths this server offers (from its OpenAPI document). Pages for analyses that other
 * modules add later appear in the navigation once their API is there.
 */
export function useApiPaths(): Set<string> | null {
  const doc = useApi<OpenApiDoc>("/api/openapi.json");
  return doc.state === "ready" ? new Set(Object.keys(doc.data.paths)) : null;
}
