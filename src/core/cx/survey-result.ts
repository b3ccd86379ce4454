import { compareText } from "../journeys/journey-log.ts";
import type { StageModel } from "../journeys/stage-model.ts";
import { benjaminiHochberg } from "../stats/multiple-testing.ts";
import type { CxRows, SurveyCell } from "./cx-rows.ts";
import type { CxSpec, Dimension } from "./specs.ts";
import {
  EMPTY_COUNTS,
  restOf,
  type SurveyCounts,
  type SurveyMetric,
  type SurveyType,
  surveyDifference,
  surveyMetric,
} from "./survey-metrics.ts";

/** One group compared with all the other answers of its breakdown. */
export interface VersusRest {
  difference: number;
  pValue: number | null;
  /** Benjamini–Hochberg adjusted p-value over the breakdown's groups. */
  qValue: number | null;
  significant: boolean;
}

export type ReportedMetric = SurveyMetric & { lowSample: boolean };
export type GroupMetric = ReportedMetric & { vsRest: VersusRest };

export interface SurveyGroup {
  value: string | null;
  responses: number;
  metrics: Partial<Record<SurveyType, GroupMetric | null>>;
}

export interface SurveyBreakdown {
  by: string;
  groups: SurveyGroup[];
  /** Groups beyond `limit` (fewest answers) left out of the list. */
  omittedGroups: number;
}

export interface SurveyResult {
  surveys: SurveyType[];
  confidence: number;
  minSample: number;
  fdr: number;
  overall: Partial<Record<SurveyType, ReportedMetric | null>>;
  invalidResponses: number;
  breakdowns: SurveyBreakdown[];
  warnings: string[];
}

export const dimensionLabel = (d: Dimension) => ("key" in d ? `${d.by}:${d.key}` : d.by);

interface Options {
  spec: CxSpec;
  model: StageModel;
  minSample: number;
  confidence: number;
  fdr: number;
}

/** Survey metrics per group of each breakdown, with group-vs-rest tests (docs/cx.md). */
export function surveyResult(rows: CxRows, options: Options): SurveyResult {
  const { spec, minSample, confidence } = options;
  const types = spec.surveys;
  const totals = countsOf(rows.cells.filter((c) => c.dim === 0));
  const warnings: string[] = [];
  const overall = Object.fromEntries(
    types.map((type) => {
      const counts = totals.get(null)?.get(type) ?? EMPTY_COUNTS;
      const metric = surveyMetric(type, counts, confidence);
      if (counts.n < minSample) {
        warnings.push(
          `${type}: ${counts.n} answers, fewer than the minimum sample of ${minSample}`,
        );
      }
      return [type, metric && { ...metric, lowSample: counts.n < minSample }];
    }),
  );
  const breakdowns = spec.by.map((dimension, i) => {
    const breakdown = breakdownOf(dimension, rows.cells, totals.get(null), options, i + 1);
    const low = breakdown.groups.filter((g) => types.some((t) => g.metrics[t]?.lowSample)).length;
    if (low > 0) {
      warnings.push(
        `${breakdown.by}: ${low} group(s) with fewer than ${minSample} answers of a survey type (lowSample)`,
      );
    }
    return breakdown;
  });
  if (rows.invalid > 0) {
    warnings.push(
      `${rows.invalid} survey answer(s) without a valid survey_type and score were left out`,
    );
  }
  return {
    surveys: types,
    confidence,
    minSample,
    fdr: options.fdr,
    overall,
    invalidResponses: rows.invalid,
    breakdowns,
    warnings,
  };
}

function countsOf(cells: readonly SurveyCell[]) {
  const groups = new Map<string | null, Map<SurveyType, SurveyCounts>>();
  for (const cell of cells) {
    const byType = groups.get(cell.value) ?? new Map<SurveyType, SurveyCounts>();
    byType.set(cell.type, cell.counts);
    groups.set(cell.value, byType);
  }
  return groups;
}

function breakdownOf(
  dimension: Dimension,
  cells: readonly SurveyCell[],
  totals: Map<SurveyType, SurveyCounts> | undefined,
  options: Options,
  dim: number,
): SurveyBreakdown {
  const { spec, minSample, confidence, fdr } = options;
  const types = spec.surveys;
  const groups = [...countsOf(cells.filter((c) => c.dim === dim))]
    .map(([value, byType]) => ({
      value,
      byType,
      responses: types.reduce((s, t) => s + (byType.get(t)?.n ?? 0), 0),
    }))
    .filter((g) => g.responses > 0);
  const byResponses = [...groups].sort(
    (a, b) => b.responses - a.responses || compareValues(a.value, b.value),
  );
  const kept = byResponses.slice(0, spec.limit);
  const shaped: SurveyGroup[] = kept.map((g) => ({
    value: dimension.by === "period" && g.value !== null ? isoDay(g.value) : g.value,
    responses: g.responses,
    metrics: Object.fromEntries(
      types.map((type) => {
        const counts = g.byType.get(type) ?? EMPTY_COUNTS;
        const metric = surveyMetric(type, counts, confidence);
        if (!metric) return [type, null];
        const rest = restOf(totals?.get(type) ?? EMPTY_COUNTS, counts);
        const test = surveyDifference(type, counts, rest);
        const vsRest = { ...test, qValue: null, significant: false };
        return [type, { ...metric, lowSample: counts.n < minSample, vsRest }];
      }),
    ),
  }));
  // Benjamini–Hochberg over the groups of this breakdown, per survey type.
  for (const type of types) {
    const tested = shaped.flatMap((g) => {
      const m = g.metrics[type];
      return m && m.vsRest.pValue !== null ? [m.vsRest] : [];
    });
    const q = benjaminiHochberg(tested.map((t) => t.pValue as number));
    tested.forEach((t, i) => {
      t.qValue = Math.round((q[i] as number) * 1e8) / 1e8;
      t.significant = (q[i] as number) < fdr;
    });
  }
  shaped.sort(naturalOrder(dimension, options.model));
  return {
    by: dimensionLabel(dimension),
    groups: shaped,
    omittedGroups: groups.length - kept.length,
  };
}

const compareValues = (a: string | null, b: string | null) =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : compareText(a, b);

/** Stages in model order, periods in time order, the rest by answers (most first). */
function naturalOrder(dimension: Dimension, model: StageModel) {
  return (a: SurveyGroup, b: SurveyGroup): number => {
    if (dimension.by === "stage") {
      const index = (v: string | null) => {
        const i = model.stages.findIndex((s) => s.name === v);
        return i < 0 ? Number.MAX_SAFE_INTEGER : i;
      };
      return index(a.value) - index(b.value);
    }
    if (dimension.by === "period") return compareValues(a.value, b.value);
    return b.responses - a.responses || compareValues(a.value, b.value);
  };
}

const isoDay = (ms: string) => new Date(Number(ms)).toISOString().slice(0, 10);
