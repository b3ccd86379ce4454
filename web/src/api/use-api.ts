import { useCallback, useEffect, useState } from "react";
import { ApiError, apiGet, apiUrl, type Params } from "./client.ts";

export type Loadable<T> =
  | { state: "loading"; data?: undefined; error?: undefined }
  | { state: "ready"; data: T; error?: undefined }
  | { state: "error"; data?: undefined; error: ApiError };

// Answers seen in this session: going back to a page, or to the same filters, shows them at
// once, and the API is asked again behind them (the server answers a repeated question from
// its own cache until the data changes), so a page never keeps showing an out-of-date answer.
const cache = new Map<string, { data: unknown; text: string }>();
const CACHE_LIMIT = 200;

/** Forgets cached answers (after a change such as a new source or a revoked key). */
export function clearApiCache(prefix = "") {
  for (const key of [...cache.keys()]) if (key.startsWith(prefix)) cache.delete(key);
}

/** True when none of these answers is still loading: later, less important calls wait for it. */
export const settled = (...parts: Loadable<unknown>[]) => parts.every((p) => p.state !== "loading");

/** GET `path` with `params` (null path: nothing to load yet); reloads when the URL changes. */
export function useApi<T>(
  path: string | null,
  params: Params = {},
): Loadable<T> & { reload(): void } {
  const url = path === null ? null : apiUrl(path, params);
  const [result, setResult] = useState<Loadable<T>>(() => {
    const kept = url === null ? undefined : cache.get(url);
    return kept ? { state: "ready", data: kept.data as T } : { state: "loading" };
  });
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => {
    if (url !== null) cache.delete(url);
    setAttempt((n) => n + 1);
  }, [url]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt forces a reload
  useEffect(() => {
    if (url === null) return;
    const kept = cache.get(url);
    if (kept) setResult({ state: "ready", data: kept.data as T });
    else setResult({ state: "loading" });
    const controller = new AbortController();
    apiGet<T>(url, {}, controller.signal).then(
      (data) => {
        const text = JSON.stringify(data);
        const before = cache.get(url);
        cache.delete(url);
        if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
        // An unchanged answer keeps its object, so charts and tables are not drawn again.
        if (before && before.text === text) {
          cache.set(url, before);
          return;
        }
        cache.set(url, { data, text });
        setResult({ state: "ready", data });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        // A failed re-check says so: the answer shown may no longer hold.
        setResult({
          state: "error",
          error: error instanceof ApiError ? error : new ApiError(0, "network", String(error)),
        });
      },
    );
    return () => controller.abort();
  }, [url, attempt]);

  return { ...result, reload };
}
