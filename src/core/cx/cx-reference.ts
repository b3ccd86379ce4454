import {
  type JourneyEvent,
  jsonText,
  periodStart,
  profileTraces,
  traitText,
} from "../journeys/journey-log.ts";
import { selectJourneyEvents } from "../journeys/journey-select.ts";
import { profileInSegment } from "../journeys/segment.ts";
import type { StageModel } from "../journeys/stage-model.ts";
import type { CxConfig } from "./cx-config.ts";
import { type CxEvent, cxEvents } from "./cx-events.ts";
import type { CxRows, DriverRow, StageSignals, SurveyCell } from "./cx-rows.ts";
import type { CxSpec, Dimension } from "./specs.ts";
import { surveyScales } from "./survey-answer.ts";
import { addAnswer, EMPTY_COUNTS } from "./survey-metrics.ts";

/**
 * Plain-TypeScript reference of the CX query (`src/cx/cx-sql.ts`): survey counts per
 * breakdown group, stage signals and key-driver inputs, from every event of the store (the
 * filters are applied here, as the journey-events CTE applies them).
 */
export function cxReference(
  all: readonly JourneyEvent[],
  spec: CxSpec,
  model: StageModel,
  config: CxConfig,
): CxRows {
  const traces = profileTraces(selectJourneyEvents(all, spec));
  const staged = cxEvents(traces, model, config, surveyScales(config));
  const groupOf = dimensionValues(all, spec, model);
  const stage: Dimension = { by: "stage" };
  const dims: (Dimension | "overall")[] = ["overall", ...spec.by, ...(spec.index ? [stage] : [])];
  const cells = new Map<string, SurveyCell>();
  let invalid = 0;
  for (const events of staged.values()) {
    for (const row of events) {
      if (!row.isSurvey) continue;
      const answer = row.answer;
      if (!answer) {
        invalid++;
        continue;
      }
      dims.forEach((dim, index) => {
        const value = dim === "overall" ? null : groupOf(dim, row);
        const key = JSON.stringify([index, value, answer.type]);
        const cell = cells.get(key) ?? {
          dim: index,
          value,
          type: answer.type,
          counts: EMPTY_COUNTS,
          normalisedSum: 0,
        };
        cell.counts = addAnswer(cell.counts, answer);
        cell.normalisedSum += answer.normalised;
        cells.set(key, cell);
      });
    }
  }
  return {
    cells: [...cells.values()],
    invalid,
    stages: spec.index ? stageSignals(staged) : [],
    drivers: spec.index ? drivers(staged) : [],
  };
}

type ValueOf = (dimension: Dimension, row: CxEvent) => string | null;

/** The group of a survey answer in each dimension (docs/cx.md). */
function dimensionValues(all: readonly JourneyEvent[], spec: CxSpec, model: StageModel): ValueOf {
  const everything = profileTraces(all);
  const latestTrait = new Map<string, Map<string, string | null>>();
  const traitOf = (profileId: string, key: string) => {
    const byKey = latestTrait.get(key) ?? new Map<string, string | null>();
    latestTrait.set(key, byKey);
    if (!byKey.has(profileId)) {
      let value: string | null = null;
      for (const event of everything.get(profileId) ?? []) value = traitText(event, key) ?? value;
      byKey.set(profileId, value);
    }
    return byKey.get(profileId) ?? null;
  };
  const segmentOf = (profileId: string) =>
    spec.segments?.find((s) => profileInSegment(s.segment, everything.get(profileId) ?? []))
      ?.name ?? null;
  return (dimension, row) => {
    const event = row.event;
    switch (dimension.by) {
      case "stage":
        return model.stages[row.stage]?.name ?? null;
      case "channel":
        return event.channel;
      case "touchpoint":
        return jsonText(event.properties.touchpoint);
      case "period":
        return String(periodStart(spec.period, event.timestamp));
      case "segment":
        return segmentOf(event.profileId);
      case "trait":
        return traitOf(event.profileId, dimension.key);
      case "property":
        return jsonText(event.properties[dimension.key]);
    }
  };
}

/** Per stage: profiles with an event in it, those with a later-stage event after, with a failure. */
export function stageSignals(staged: Map<string, CxEvent[]>): StageSignals[] {
  const signals = new Map<number, StageSignals>();
  for (const events of staged.values()) {
    const perStage = new Map<number, { first: number; last: number; failed: boolean }>();
    for (const row of events) {
      const s = perStage.get(row.stage) ?? { first: row.pos, last: row.pos, failed: false };
      s.first = Math.min(s.first, row.pos);
      s.last = Math.max(s.last, row.pos);
      s.failed ||= row.isFailure;
      perStage.set(row.stage, s);
    }
    for (const [stage, s] of perStage) {
      const later = [...perStage].some(([other, o]) => other > stage && o.last > s.first);
      const total = signals.get(stage) ?? { stage, profiles: 0, progressed: 0, failed: 0 };
      total.profiles++;
      if (later) total.progressed++;
      if (s.failed) total.failed++;
      signals.set(stage, total);
    }
  }
  return [...signals.values()].sort((a, b) => a.stage - b.stage);
}

/** Key-driver inputs of the profiles with an NPS answer (docs/cx.md). */
function drivers(staged: Map<string, CxEvent[]>): DriverRow[] {
  const rows: DriverRow[] = [];
  for (const [profileId, events] of staged) {
    const answers = events.flatMap((row) => (row.answer ? [{ row, answer: row.answer }] : []));
    const nps = answers.filter((a) => a.answer.type === "nps");
    if (nps.length === 0) continue;
    rows.push({
      profileId,
      stage: null,
      n: nps.length,
      total: nps.reduce((s, a) => s + a.answer.score, 0),
    });
    const perStage = new Map<number, DriverRow>();
    for (const { row, answer } of answers) {
      if (answer.type === "nps") continue;
      const r = perStage.get(row.stage) ?? { profileId, stage: row.stage, n: 0, total: 0 };
      r.n++;
      r.total += answer.normalised;
      perStage.set(row.stage, r);
    }
    rows.push(...perStage.values());
  }
  return rows;
}

/** The text of a field path (`properties.comment`), trimmed of spaces; null when empty. */
function fieldText(event: JourneyEvent, field: string): string | null {
  const [column, ...path] = field.split(".");
  let value: unknown = (event as unknown as Record<string, unknown>)[column as string];
  for (const key of path) {
    value =
      value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  }
  const text = jsonText(value)?.replace(/^ +| +$/g, "");
  return text ? text : null;
}

/** Reference of the `text` rows of `cxSql` (without the limit): each feedback text with its CX stage. */
export function stageTextsReference(
  all: readonly JourneyEvent[],
  filters: CxSpec,
  options: { model: StageModel; config: CxConfig; fields: readonly string[] },
): { stage: number; text: string }[] {
  const traces = profileTraces(selectJourneyEvents(all, filters));
  const staged = cxEvents(traces, options.model, options.config, surveyScales(options.config));
  return [...staged.values()].flat().flatMap((row) => {
    const text = options.fields.reduce<string | null>(
      (found, field) => found ?? fieldText(row.event, field),
      null,
    );
    return text === null ? [] : [{ stage: row.stage, text }];
  });
}
