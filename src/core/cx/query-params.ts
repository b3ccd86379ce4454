import {
  commaList,
  defined,
  type FlatParams,
  filters,
  flag,
  json,
  last,
  numeric,
} from "../journeys/query-params.ts";

/**
 * Flat parameters (query string, CLI flags) to CX spec inputs, for the spec schemas to
 * validate. The journey filters (`from`, `to`, `channel`, `segment`) are read exactly as the
 * journey analyses read them; lists are comma-separated or repeated, nested values JSON.
 */

const list = (v: string | string[] | undefined) =>
  commaList(v).length > 0 ? commaList(v) : undefined;

export function cxInput(params: FlatParams) {
  return defined({
    ...filters(params),
    by: list(params.by),
    period: last(params.period),
    segments: json(params, "segments"),
    surveys: list(params.surveys ?? params.survey),
    minSample: numeric(params, "minSample"),
    confidence: numeric(params, "confidence"),
    limit: numeric(params, "limit"),
    index: flag(params, "index"),
  });
}

export function engagementInput(params: FlatParams) {
  return defined({
    ...filters(params),
    by: list(params.by),
    segments: json(params, "segments"),
    profile: last(params.profile),
    limit: numeric(params, "limit"),
  });
}

export function kpisInput(params: FlatParams) {
  return defined({ ...filters(params), gapMinutes: numeric(params, "gapMinutes") });
}

export const kanoEventsInput = (params: FlatParams) => defined(filters(params));
