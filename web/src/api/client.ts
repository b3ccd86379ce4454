/** Query parameters as the API takes them: repeated keys for lists, JSON text for nested values. */
export type Params = Record<string, string | number | boolean | readonly string[] | undefined>;

/** An API error body `{ success: false, error: { code, message, field? } }`, or a network failure. */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** `path?query` with list values repeated, undefined and empty values left out. */
export function apiUrl(path: string, params: Params = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === "") continue;
    if (Array.isArray(value)) for (const item of value) query.append(key, item);
    else query.append(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

type Listener = (error: ApiError) => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when any request answers 401: the session ended, the app shows the login page. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

async function errorOf(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; field?: string };
    };
    return new ApiError(
      response.status,
      body.error?.code ?? "http_error",
      body.error?.message ?? response.statusText,
      body.error?.field,
    );
  } catch {
    return new ApiError(response.status, "http_error", `HTTP ${response.status}`);
  }
}

/** Fetches JSON from the API with the session cookie; throws ApiError on a non-2xx answer. */
export async function request<T>(
  method: "GET" | "POST" | "DELETE",
  url: string,
  options: { body?: unknown; signal?: AbortSignal; quiet401?: boolean } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: "same-origin",
      signal: options.signal,
      headers: options.body === undefined ? {} : { "content-type": "application/json" },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new ApiError(0, "network", (error as Error).message);
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401 && !options.quiet401)
      for (const listener of unauthorizedListeners) listener(error);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const apiGet = <T>(path: string, params?: Params, signal?: AbortSignal) =>
  request<T>("GET", apiUrl(path, params), { signal });
