import { z } from "zod";
import { DurationSchema } from "../journeys/specs.ts";

/**
 * Tasks for channel comparison (DESIGN §3): a start event, success and failure events and a
 * time window. Written as an object or in the DESIGN notation
 * `transfer: Transfer Started → Transfer Completed | Transfer Failed within 10m`.
 */

export const TASK_KINDS = ["usability", "service"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

const pattern = z.string().trim().min(1).max(200);
const patterns = z
  .union([pattern, z.array(pattern).max(20)])
  .transform((v) => (Array.isArray(v) ? v : [v]));

const TaskObjectSchema = z
  .object({
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[^:→|,]+$/, "a task name has no ':', '→', '|' or ','"),
    start: pattern,
    success: patterns.pipe(z.array(pattern).min(1, "a task needs at least one success event")),
    failure: patterns.default([]),
    /** Time from the start within which an outcome counts (inclusive). */
    window: DurationSchema.default(3_600_000),
    /** `service` tasks (a chat, a call) report resolution gaps as service gaps. */
    kind: z.enum(TASK_KINDS).default("usability"),
    /** Business value of one completion, for the priority of gaps. */
    value: z.number().positive().max(1e9).default(1),
    /** `properties.touchpoint` values of the `Survey Responded` events about this task. */
    touchpoints: z.array(z.string().min(1).max(200)).max(20).optional(),
  })
  .strict();

export interface TaskDefinition {
  name: string;
  start: string;
  success: string[];
  failure: string[];
  windowMs: number;
  kind: TaskKind;
  value: number;
  touchpoints: string[];
}

const ARROW = /\s*(?:→|->)\s*/;

/**
 * Parses `NAME: START → SUCCESS[, SUCCESS…] [| FAILURE[, FAILURE…]] [within DURATION]`
 * (`->` works for `→`) into the object form, for the schema to validate.
 */
export function parseTaskNotation(text: string): Record<string, unknown> {
  const colon = text.indexOf(":");
  if (colon < 0) throw new Error("expected 'NAME: START → SUCCESS | FAILURE within 10m'");
  const name = text.slice(0, colon).trim();
  let rest = text.slice(colon + 1).trim();
  let window: string | undefined;
  const within = /\s+within\s+(\S+)\s*$/i.exec(rest);
  if (within) {
    window = within[1];
    rest = rest.slice(0, within.index).trim();
  }
  const parts = rest.split(ARROW);
  if (parts.length !== 2) throw new Error("expected one '→' between the start and the outcomes");
  const [start, outcomes] = parts as [string, string];
  const [success = "", failure, ...extra] = outcomes.split("|");
  if (extra.length > 0) throw new Error("expected at most one '|' (success | failure)");
  const list = (s: string | undefined) =>
    (s ?? "")
      .split(",")
      .map((x) => x.trim())
      .filter(Boolean);
  return {
    name,
    start: start.trim(),
    success: list(success),
    failure: list(failure),
    ...(window !== undefined ? { window } : {}),
  };
}

/** A task as a DESIGN-notation string or an object. */
export const TaskSchema = z
  .union([z.string(), z.record(z.string(), z.unknown())])
  .transform((task, context) => {
    if (typeof task !== "string") return task;
    try {
      return parseTaskNotation(task);
    } catch (error) {
      context.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  })
  .pipe(TaskObjectSchema)
  .transform(
    (t): TaskDefinition => ({
      name: t.name,
      start: t.start,
      success: t.success,
      failure: t.failure,
      windowMs: t.window,
      kind: t.kind,
      value: t.value,
      touchpoints: t.touchpoints ?? [t.name],
    }),
  );

/** The demo bank's transfer task (src/demo/demo-truth.ts plants its channel gap). */
export const DEFAULT_TASKS = [
  "transfer: Transfer Started → Transfer Completed | Transfer Failed within 10m",
];

/** Config section `tasks`: the tasks compared across channels. */
export const TasksConfigSchema = z
  .array(TaskSchema)
  .max(100)
  .superRefine((tasks, context) => {
    const seen = new Set<string>();
    tasks.forEach((task, index) => {
      if (seen.has(task.name)) {
        context.addIssue({ code: "custom", message: `duplicate task ${task.name}`, path: [index] });
      }
      seen.add(task.name);
    });
  })
  .prefault(DEFAULT_TASKS);
export type TasksConfig = TaskDefinition[];

/** The text form of a task (the DESIGN notation), for messages and the CLI. */
export function taskNotation(task: TaskDefinition): string {
  const failure = task.failure.length > 0 ? ` | ${task.failure.join(", ")}` : "";
  const minutes = task.windowMs / 60_000;
  const window = Number.isInteger(minutes) ? `${minutes}m` : `${task.windowMs}ms`;
  return `${task.name}: ${task.start} → ${task.success.join(", ")}${failure} within ${window}`;
}
