import type { ContinuityAggregates, SwitchCount, TaskSwitchCount } from "./continuity-reference.ts";
import type { AttemptOutcome } from "./task-aggregates.ts";
import type { TaskDefinition } from "./task-spec.ts";

export interface TaskContinuityPair extends TaskSwitchCount {
  /** restarts / switches: the customer started the task over on the new channel. */
  contextLostRate: number;
  /** Share of the restarts that completed on the new channel (null without restarts). */
  completionAfterRestart: number | null;
}

export interface TaskContinuity {
  task: string;
  /** Attempts on channels not ignored. */
  attempts: number;
  switched: number;
  switchRate: number | null;
  withinTask: number;
  restarts: number;
  contextLostRate: number | null;
  outcomes: Record<AttemptOutcome, number>;
  restartOutcomes: Record<AttemptOutcome, number>;
  pairs: TaskContinuityPair[];
}

export interface ContinuityResult {
  windowMinutes: number;
  ignoreChannels: string[];
  transitions: number;
  switches: number;
  /** switches / transitions: share of consecutive contacts (within the window) that change channel. */
  switchRate: number | null;
  switchingProfiles: number;
  pairs: SwitchCount[];
  tasks: TaskContinuity[];
}

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const zero = (): Record<AttemptOutcome, number> => ({ completed: 0, failed: 0, abandoned: 0 });

/** Shapes continuity counts: rates, per-task totals, the `top` channel pairs. */
export function continuityResult(
  aggregates: ContinuityAggregates,
  options: {
    tasks: readonly TaskDefinition[];
    windowMinutes: number;
    ignoreChannels: readonly string[];
    top: number;
  },
): ContinuityResult {
  const switches = aggregates.switches.reduce((sum, s) => sum + s.switches, 0);
  return {
    windowMinutes: options.windowMinutes,
    ignoreChannels: [...options.ignoreChannels],
    transitions: aggregates.transitions,
    switches,
    switchRate: ratio(switches, aggregates.transitions),
    switchingProfiles: aggregates.switchingProfiles,
    pairs: aggregates.switches.slice(0, options.top),
    tasks: options.tasks.map((task) => {
      const pairs = aggregates.taskSwitches.filter((s) => s.task === task.name);
      const attempts = aggregates.attempts.find((a) => a.task === task.name)?.attempts ?? 0;
      const sum = (f: (p: TaskSwitchCount) => number) => pairs.reduce((n, p) => n + f(p), 0);
      const outcomes = zero();
      const restartOutcomes = zero();
      for (const p of pairs) {
        for (const o of ["completed", "failed", "abandoned"] as const) {
          outcomes[o] += p.outcomes[o];
          restartOutcomes[o] += p.restartOutcomes[o];
        }
      }
      const switched = sum((p) => p.switches);
      const restarts = sum((p) => p.restarts);
      return {
        task: task.name,
        attempts,
        switched,
        switchRate: ratio(switched, attempts),
        withinTask: sum((p) => p.withinTask),
        restarts,
        contextLostRate: ratio(restarts, switched),
        outcomes,
        restartOutcomes,
        pairs: pairs.slice(0, options.top).map((p) => ({
          ...p,
          contextLostRate: p.restarts / p.switches,
          completionAfterRestart: ratio(p.restartOutcomes.completed, p.restarts),
        })),
      };
    }),
  };
}
