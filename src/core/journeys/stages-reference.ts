import { compareText, type JourneyEvent, profileTraces, weekStart } from "./journey-log.ts";
import { selectJourneyEvents } from "./journey-select.ts";
import type { StagesSpec } from "./specs.ts";
import { type StageModel, stageIndex, stageOf } from "./stage-model.ts";

export interface StagesResult {
  stages: {
    stage: string;
    order: number;
    events: number;
    /** Profiles with at least one event in the stage. */
    profiles: number;
    /** Profiles whose furthest stage is this one. */
    furthest: number;
  }[];
  /** Changes of stage between consecutive events of a profile. */
  transitions: { from: string; to: string; count: number; profiles: number }[];
  /** Profiles reaching each stage for the first time, by week (Monday, UTC). */
  firstReached: { week: string; stage: string; profiles: number }[];
  /** With `profile`: that profile's furthest stage and its stage changes over time. */
  profile?: {
    id: string;
    furthest: string | null;
    timeline: { stage: string; at: string; event: string }[];
  };
}

/** Raw counts the SQL and the reference share; `stagesResult` shapes them. */
export interface StageCounts {
  perStage: Map<number, { events: number; profiles: number; furthest: number }>;
  transitions: { from: number; to: number; count: number; profiles: number }[];
  firstReached: { week: number; stage: number; profiles: number }[];
  timeline?: { stage: number; at: number; event: string }[];
}

export function stagesResult(
  model: StageModel,
  counts: StageCounts,
  profileId?: string,
): StagesResult {
  const name = (i: number) => model.stages[i]?.name ?? "?";
  const result: StagesResult = {
    stages: model.stages.map((stage, order) => ({
      stage: stage.name,
      order: order + 1,
      events: counts.perStage.get(order)?.events ?? 0,
      profiles: counts.perStage.get(order)?.profiles ?? 0,
      furthest: counts.perStage.get(order)?.furthest ?? 0,
    })),
    transitions: [...counts.transitions]
      .sort((a, b) => b.count - a.count || a.from - b.from || a.to - b.to)
      .map((t) => ({ from: name(t.from), to: name(t.to), count: t.count, profiles: t.profiles })),
    firstReached: [...counts.firstReached]
      .sort((a, b) => a.week - b.week || a.stage - b.stage)
      .map((f) => ({
        week: new Date(f.week).toISOString(),
        stage: name(f.stage),
        profiles: f.profiles,
      })),
  };
  if (profileId !== undefined) {
    const timeline = counts.timeline ?? [];
    const furthest = timeline.length > 0 ? Math.max(...timeline.map((t) => t.stage)) : null;
    result.profile = {
      id: profileId,
      furthest: furthest === null ? null : name(furthest),
      timeline: timeline.map((t) => ({
        stage: name(t.stage),
        at: new Date(t.at).toISOString(),
        event: t.event,
      })),
    };
  }
  return result;
}

/** Reference stage counts over the filtered journey events. */
export function stagesReference(
  all: readonly JourneyEvent[],
  spec: StagesSpec,
  model: StageModel,
): StageCounts {
  const traces = profileTraces(selectJourneyEvents(all, spec));
  const perStage = new Map<number, { events: number; profiles: number; furthest: number }>();
  const row = (i: number) => {
    const r = perStage.get(i) ?? { events: 0, profiles: 0, furthest: 0 };
    perStage.set(i, r);
    return r;
  };
  const transitions = new Map<
    string,
    { from: number; to: number; count: number; profiles: Set<string> }
  >();
  const firstReached = new Map<string, { week: number; stage: number; profiles: number }>();
  let timeline: StageCounts["timeline"];
  for (const [profileId, trace] of [...traces].sort((a, b) => compareText(a[0], b[0]))) {
    const stages = trace.map((e) => stageIndex(model, stageOf(model, e.event)));
    for (const s of stages) row(s).events++;
    for (const s of new Set(stages)) row(s).profiles++;
    row(Math.max(...stages)).furthest++;
    const seen = new Set<number>();
    stages.forEach((s, i) => {
      const previous = stages[i - 1];
      if (previous !== undefined && previous !== s) {
        const key = `${previous}:${s}`;
        const t = transitions.get(key) ?? {
          from: previous,
          to: s,
          count: 0,
          profiles: new Set<string>(),
        };
        t.count++;
        t.profiles.add(profileId);
        transitions.set(key, t);
      }
      if (!seen.has(s)) {
        seen.add(s);
        const week = weekStart((trace[i] as JourneyEvent).timestamp);
        const f = firstReached.get(`${week}:${s}`) ?? { week, stage: s, profiles: 0 };
        f.profiles++;
        firstReached.set(`${week}:${s}`, f);
      }
    });
    if (profileId === spec.profile) {
      timeline = stages.flatMap((s, i) =>
        i === 0 || stages[i - 1] !== s
          ? [
              {
                stage: s,
                at: (trace[i] as JourneyEvent).timestamp,
                event: (trace[i] as JourneyEvent).event as string,
              },
            ]
          : [],
      );
    }
  }
  return {
    perStage,
    transitions: [...transitions.values()].map((t) => ({ ...t, profiles: t.profiles.size })),
    firstReached: [...firstReached.values()],
    ...(spec.profile !== undefined ? { timeline: timeline ?? [] } : {}),
  };
}
