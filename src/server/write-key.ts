import { AppError } from "../core/app-error.ts";
import type { EventStore, Source } from "../store/event-store.ts";

/** The write key from HTTP Basic auth (user name, as Segment sends it), else the body's writeKey. */
export function writeKeyOf(authorization: string | undefined, body: unknown): string | undefined {
  if (authorization?.startsWith("Basic ")) {
    const decoded = Buffer.from(authorization.slice(6).trim(), "base64").toString("utf8");
    const user = decoded.split(":")[0];
    if (user) return user;
  }
  if (
    body &&
    typeof body === "object" &&
    typeof (body as { writeKey?: unknown }).writeKey === "string"
  ) {
    return (body as { writeKey: string }).writeKey;
  }
  return undefined;
}

/** Resolves write keys to sources; known keys are cached (sources are never deleted). */
export class SourceAuthenticator {
  readonly #known = new Map<string, Source>();

  constructor(private readonly store: EventStore) {}

  async authenticate(authorization: string | undefined, body: unknown): Promise<Source> {
    const key = writeKeyOf(authorization, body);
    if (!key)
      throw new AppError("unauthorized", "missing write key: send it as the HTTP Basic user name");
    const cached = this.#known.get(key);
    if (cached) return cached;
    const source = await this.store.findSourceByWriteKey(key);
    if (!source) throw new AppError("unauthorized", "unknown write key");
    this.#known.set(key, source);
    return source;
  }
}
