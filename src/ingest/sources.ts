import { randomBytes } from "node:crypto";
import { AppError } from "../core/app-error.ts";
import type { EventStore, Source } from "../store/event-store.ts";

/** Creates a source with a fresh write key (32 random bytes, URL-safe). */
export async function createSource(
  store: EventStore,
  name: string,
  now = new Date(),
): Promise<Source> {
  const trimmed = name.trim();
  if (!/^[\w.-]{1,64}$/.test(trimmed)) {
    throw new AppError(
      "invalid_request",
      `source name "${name}" must be 1–64 letters, digits, '.', '_' or '-'`,
      "name",
    );
  }
  if ((await store.listSources()).some((s) => s.name === trimmed)) {
    throw new AppError("invalid_request", `a source named "${trimmed}" already exists`, "name");
  }
  const source: Source = {
    id: `src_${randomBytes(8).toString("hex")}`,
    name: trimmed,
    writeKey: `wk_${randomBytes(24).toString("base64url")}`,
    createdAt: now,
  };
  await store.createSource(source);
  return source;
}

/** The source with this name, created when missing. */
export async function ensureSource(store: EventStore, name: string): Promise<Source> {
  const existing = (await store.listSources()).find((s) => s.name === name);
  return existing ?? createSource(store, name);
}
