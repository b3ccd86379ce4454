import { z } from "zod";
import { AppError } from "../app-error.ts";
import { JourneyFiltersSchema } from "../journeys/specs.ts";
import { DimensionSchema } from "./dimensions.ts";
import { channelList } from "./gaps-config.ts";
import { type TaskDefinition, TaskSchema } from "./task-spec.ts";

/**
 * Query specs of the channel-consistency analyses (tasks, gaps, continuity, audit), shared by
 * the HTTP API, the CLI and the use-cases. Omitted options take the config's values.
 */

/** A task: the name of a configured task, a DESIGN-notation definition, or an object. */
const TaskRefSchema = z.union([
  z.string().trim().min(1).max(1000),
  z.record(z.string(), z.unknown()),
]);

export const TasksSpecSchema = JourneyFiltersSchema.extend({
  tasks: z.array(TaskRefSchema).min(1).max(20).optional(),
}).strict();
export type TasksSpec = z.output<typeof TasksSpecSchema>;

/** Raw content items (docs/channel-consistency.md): key, channel, fields. */
export const ContentItemsSchema = z.array(z.record(z.string(), z.unknown())).max(100_000);

export const GapsSpecSchema = TasksSpecSchema.extend({
  alpha: z.number().gt(0).lt(1).optional(),
  minSample: z.number().int().min(1).optional(),
  rootCauses: z.number().int().min(0).max(50).optional(),
  dimensions: z.array(DimensionSchema).min(1).max(50).optional(),
  /** Content items to audit: their per-channel findings become content gaps. */
  content: ContentItemsSchema.optional(),
}).strict();
export type GapsSpec = z.output<typeof GapsSpecSchema>;

export const ContinuitySpecSchema = TasksSpecSchema.extend({
  windowMinutes: z
    .number()
    .positive()
    .max(7 * 24 * 60)
    .optional(),
  ignoreChannels: channelList.optional(),
  /** Channel pairs listed (most switches first). */
  top: z.number().int().min(1).max(1000).default(20),
}).strict();
export type ContinuitySpec = z.output<typeof ContinuitySpecSchema>;

export const AuditSpecSchema = z
  .object({
    items: ContentItemsSchema,
    /** Channels every item should be on (default: every channel in the items). */
    channels: channelList.optional(),
  })
  .strict();
export type AuditSpec = z.output<typeof AuditSpecSchema>;

/**
 * The tasks of an analysis: the configured ones, or those named or defined in the spec. A
 * string with a ':' is a definition (`NAME: START → SUCCESS | FAILURE within 10m`).
 */
export function resolveTasks(
  refs: TasksSpec["tasks"],
  configured: readonly TaskDefinition[],
): TaskDefinition[] {
  if (!refs) return [...configured];
  const tasks = refs.map((ref, index) => {
    const field = `tasks.${index}`;
    if (typeof ref === "string" && !ref.includes(":")) {
      const task = configured.find((t) => t.name === ref);
      if (!task) {
        const names = configured.map((t) => t.name).join(", ") || "none";
        throw new AppError(
          "invalid_request",
          `${field}: no task named ${ref} (configured: ${names})`,
          field,
        );
      }
      return task;
    }
    const parsed = TaskSchema.safeParse(ref);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const at = [field, ...(issue?.path ?? []).map(String)].join(".");
    throw new AppError("invalid_request", `${at}: ${issue?.message ?? "invalid task"}`, at);
  });
  const names = new Set<string>();
  tasks.forEach((task, index) => {
    if (names.has(task.name)) {
      throw new AppError(
        "invalid_request",
        `tasks.${index}: duplicate task ${task.name}`,
        `tasks.${index}`,
      );
    }
    names.add(task.name);
  });
  return tasks;
}
