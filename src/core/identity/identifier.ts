import { normaliseEmail, normalisePhone } from "../identifiers.ts";
import type { IdentityOptions } from "./identity-options.ts";

/** One identifier: its type (`email`) and normalised value. Keyed as `type:value`. */
export interface Identifier {
  type: string;
  value: string;
}

export const identifierKey = (type: string, value: string): string => `${type}:${value}`;

/** Splits a `type:value` key; types never contain a colon, values may. */
export function parseKey(key: string): Identifier {
  const colon = key.indexOf(":");
  return { type: key.slice(0, colon), value: key.slice(colon + 1) };
}

export const typeOfKey = (key: string): string => key.slice(0, key.indexOf(":"));
export const valueOfKey = (key: string): string => key.slice(key.indexOf(":") + 1);

/** A value normalised the way ingestion normalises it; undefined when it is not valid. */
export function normaliseValue(
  type: string,
  raw: unknown,
  options: Pick<IdentityOptions, "defaultRegion">,
): string | undefined {
  if (type === "email") return normaliseEmail(raw);
  if (type === "phone") return normalisePhone(raw, options.defaultRegion);
  if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
  if (typeof raw !== "string") return undefined;
  const value = raw.trim();
  return value === "" ? undefined : value;
}

/**
 * Reads an identifier typed by a person (CLI, API): `type:value` when `type` is known, else a
 * bare value, which is returned as one candidate per type it is valid for.
 */
export function parseIdentifierInput(
  input: string,
  options: Pick<IdentityOptions, "defaultRegion">,
  types: readonly string[],
): Identifier[] {
  const text = input.trim();
  const colon = text.indexOf(":");
  if (colon > 0) {
    const type = text.slice(0, colon);
    if (types.includes(type)) {
      const value = normaliseValue(type, text.slice(colon + 1), options);
      return value === undefined ? [] : [{ type, value }];
    }
  }
  const candidates: Identifier[] = [];
  for (const type of types) {
    const value = normaliseValue(type, text, options);
    if (value !== undefined) candidates.push({ type, value });
  }
  return candidates;
}
