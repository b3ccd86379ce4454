import { z } from "zod";
import type { CountryCode } from "../core/identifiers.ts";
import {
  BUILT_IN_TYPES,
  DEFAULT_IDENTITY_OPTIONS,
  DEFAULT_PRIORITY,
  type IdentityOptions,
  typeOfPath,
} from "../core/identity/identity-options.ts";

const TYPE_NAME = /^[a-z][a-z0-9_]*$/;
const ROOTS = ["traits", "context", "properties"];

const ExtraKeySchema = z
  .union([z.string(), z.object({ path: z.string(), type: z.string().optional() }).strict()])
  .transform((key) => {
    const path = typeof key === "string" ? key : key.path;
    const segments = path.split(".").map((s) => s.trim());
    return { path, type: (typeof key === "string" ? undefined : key.type) ?? typeOfPath(segments) };
  })
  .superRefine((key, ctx) => {
    const [root, ...rest] = key.path.split(".");
    if (!ROOTS.includes(root ?? "") || rest.length === 0 || rest.some((s) => s === "")) {
      ctx.addIssue({
        code: "custom",
        message: `"${key.path}" must be a dotted path under ${ROOTS.join(", ")}, e.g. traits.crm_id`,
      });
    }
    if (!TYPE_NAME.test(key.type) || (BUILT_IN_TYPES as readonly string[]).includes(key.type)) {
      ctx.addIssue({
        code: "custom",
        message: `type "${key.type}" must be lower_snake_case and not one of ${BUILT_IN_TYPES.join(", ")}`,
      });
    }
  });

/** The `identity` section of the config (docs/identity.md). */
export const IdentityConfigSchema = z
  .object({
    /** JSON paths read as extra identifiers; replaces the default list when given. */
    extraKeys: z
      .array(ExtraKeySchema)
      .default(
        DEFAULT_IDENTITY_OPTIONS.extraKeys.map((k) => ({ path: k.path.join("."), type: k.type })),
      ),
    /** Most distinct values of a type per profile. */
    limits: z.record(z.string(), z.number().int().positive()).default({ user_id: 1 }),
    /** Which type anchors profiles first when a limit is broken. */
    priority: z.array(z.string()).default([...DEFAULT_PRIORITY]),
    /** Placeholder values to ignore, per type or `*`, added to the built-in list. */
    blocklist: z.record(z.string(), z.array(z.string())).default({}),
    sharedValueGuard: z
      .object({ maxUserIds: z.number().int().positive().default(5) })
      .strict()
      .prefault({}),
    /** Sources or channels whose traits win over more recent ones, highest first. */
    traitSourcePriority: z.array(z.string()).default([]),
    /**
     * `async`: profiles update just after the durable write; `sync`: before it is acknowledged;
     * `off`: not at all (bulk loads: `journeylens identity rebuild` afterwards).
     */
    updates: z.enum(["async", "sync", "off"]).default("async"),
  })
  .strict()
  .prefault({})
  .superRefine((identity, ctx) => {
    const types = new Set<string>([...BUILT_IN_TYPES, ...identity.extraKeys.map((k) => k.type)]);
    const unknown = (key: string, path: (string | number)[]) =>
      ctx.addIssue({
        code: "custom",
        path,
        message: `unknown identifier type "${key}" (known: ${[...types].join(", ")})`,
      });
    for (const type of Object.keys(identity.limits))
      if (!types.has(type)) unknown(type, ["limits", type]);
    // The default order names crm_id and device_id, which a config may have dropped.
    const defaults = new Set<string>(DEFAULT_PRIORITY);
    identity.priority.forEach((type, i) => {
      if (!types.has(type) && !defaults.has(type)) unknown(type, ["priority", i]);
    });
    for (const type of Object.keys(identity.blocklist))
      if (type !== "*" && !types.has(type)) unknown(type, ["blocklist", type]);
  });

export type IdentityConfig = z.infer<typeof IdentityConfigSchema>;

/** The core's options from the config section and the global default region. */
export function identityOptionsOf(
  config: IdentityConfig,
  defaultRegion: CountryCode,
): IdentityOptions {
  return {
    extraKeys: config.extraKeys.map((k) => ({ path: k.path.split("."), type: k.type })),
    limits: config.limits,
    priority: config.priority,
    blocklist: config.blocklist,
    maxUserIdsPerValue: config.sharedValueGuard.maxUserIds,
    defaultRegion,
  };
}
