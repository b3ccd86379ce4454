import { readFileSync } from "node:fs";
import { type CountryCode, isSupportedCountry } from "libphonenumber-js";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { CxConfigSchema } from "../core/cx/cx-config.ts";
import { FrictionConfigSchema } from "../core/friction/friction-config.ts";
import {
  BrandVoiceConfigSchema,
  ContentAuditConfigSchema,
} from "../core/gaps/brand-voice-config.ts";
import { ContinuityConfigSchema, GapsConfigSchema } from "../core/gaps/gaps-config.ts";
import { TasksConfigSchema } from "../core/gaps/task-spec.ts";
import { JourneysConfigSchema } from "../core/journeys/stage-model.ts";
import { FeedbackConfigSchema } from "../core/text/feedback-spec.ts";
import { IdentityConfigSchema } from "../identity/identity-config.ts";

/** `journeylens.config.yaml` (or `.json`). Every key has a default, so `{}` is a valid config. */
export const ConfigSchema = z
  .object({
    /** Region for phone numbers written without a country code (ISO 3166 alpha-2). */
    defaultRegion: z
      .string()
      .refine(isSupportedCountry, "must be an ISO 3166 alpha-2 region such as US or CN")
      .transform((region) => region as CountryCode)
      .default("US" as CountryCode),
    ingest: z
      .object({
        maxMessageBytes: z
          .number()
          .int()
          .positive()
          .default(32 * 1024),
        maxBatchBytes: z
          .number()
          .int()
          .positive()
          .default(500 * 1024),
      })
      .strict()
      .prefault({}),
    server: z
      .object({
        host: z.string().default("127.0.0.1"),
        port: z.number().int().min(0).max(65535).default(8787),
      })
      .strict()
      .prefault({}),
    duckdb: z
      .object({
        /** DuckDB's memory cap (it spills to disk beyond it), e.g. "1GB". */
        memoryLimit: z
          .string()
          .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'must be a size such as "1GB"')
          .default("1GB"),
      })
      .strict()
      .prefault({}),
    auth: z
      .object({
        /** How long a dashboard login lasts. */
        sessionHours: z.number().positive().max(720).default(12),
      })
      .strict()
      .prefault({}),
    identity: IdentityConfigSchema,
    journeys: JourneysConfigSchema,
    friction: FrictionConfigSchema,
    cx: CxConfigSchema,
    tasks: TasksConfigSchema,
    gaps: GapsConfigSchema,
    continuity: ContinuityConfigSchema,
    brandVoice: BrandVoiceConfigSchema,
    contentAudit: ContentAuditConfigSchema,
    feedback: FeedbackConfigSchema,
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Validates a config object; the error names every bad key and why. */
export function parseConfig(raw: unknown, origin = "config"): Config {
  const result = ConfigSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = issue.path.map(String).join(".");
    if (issue.code === "unrecognized_keys") {
      const at = key ? `${key}.` : "";
      return `${issue.keys.map((k) => at + k).join(", ")}: unknown key`;
    }
    return `${key || "(root)"}: ${issue.message}`;
  });
  throw new ConfigError(`invalid ${origin}:\n  ${problems.join("\n  ")}`);
}

/** Reads and validates a YAML or JSON config file. */
export function loadConfigFile(path: string): Config {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new ConfigError(`cannot read config ${path}: ${(cause as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = path.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (cause) {
    throw new ConfigError(
      `config ${path} is not valid ${path.endsWith(".json") ? "JSON" : "YAML"}: ${(cause as Error).message}`,
    );
  }
  return parseConfig(raw, `config ${path}`);
}
