import type { CountryCode } from "../identifiers.ts";

/** Identifier types every message can carry; configured extra keys add more. */
export const BUILT_IN_TYPES = ["user_id", "anonymous_id", "email", "phone"] as const;

/** A configured extra identifier: a JSON path into a message and the type it is stored as. */
export interface ExtraKey {
  /** Root `traits` (identify traits, else context.traits), `context` or `properties`. */
  path: readonly string[];
  type: string;
}

/** How identifiers become profiles (docs/identity.md). Built from `identity` in the config. */
export interface IdentityOptions {
  extraKeys: readonly ExtraKey[];
  /** Most distinct values of a type one profile may hold; types not named are unlimited. */
  limits: Readonly<Record<string, number>>;
  /** Which type anchors profiles first when limits are broken; unnamed types come after. */
  priority: readonly string[];
  /** Values never used, per type (`*`: every type), added to `DEFAULT_BLOCKLIST`. */
  blocklist: Readonly<Record<string, readonly string[]>>;
  /** A non-user_id value seen with more distinct user_ids than this links nothing. */
  maxUserIdsPerValue: number;
  /** Region for phone numbers without a country code. */
  defaultRegion: CountryCode;
}

export const DEFAULT_EXTRA_KEYS: readonly ExtraKey[] = [
  { path: ["traits", "crm_id"], type: "crm_id" },
  { path: ["context", "device", "id"], type: "device_id" },
];

export const DEFAULT_PRIORITY = [
  "user_id",
  "crm_id",
  "email",
  "phone",
  "device_id",
  "anonymous_id",
] as const;

export const DEFAULT_IDENTITY_OPTIONS: IdentityOptions = {
  extraKeys: DEFAULT_EXTRA_KEYS,
  limits: { user_id: 1 },
  priority: DEFAULT_PRIORITY,
  blocklist: {},
  maxUserIdsPerValue: 5,
  defaultRegion: "US",
};

/** The type an extra key path is stored as: its last segment, `device.id` → `device_id`. */
export function typeOfPath(path: readonly string[]): string {
  const last = path[path.length - 1] ?? "";
  const before = path[path.length - 2];
  const name = last === "id" && before !== undefined ? `${before}_id` : last;
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** Every identifier type the options know: built-ins and extra keys. */
export function knownTypes(options: Pick<IdentityOptions, "extraKeys">): string[] {
  return [...BUILT_IN_TYPES, ...options.extraKeys.map((k) => k.type)];
}
