import type { CxResult } from "../api/types.ts";
import { type Loadable, settled, useApi } from "../api/use-api.ts";
import { KpiCard } from "../components/page.tsx";
import { type Filters, filterParams } from "../filters/filters.ts";
import { useI18n } from "../i18n/i18n.tsx";

type Metrics = CxResult["surveys"]["overall"][keyof CxResult["surveys"]["overall"]];
type Nps = Extract<NonNullable<Metrics>, { nps: number }>;
type Csat = Extract<NonNullable<Metrics>, { csat: number }>;
type Ces = Extract<NonNullable<Metrics>, { easyShare: number }>;

/** Each survey type has its own metric shape; pick each by its field. */
function surveyMetrics(data: CxResult) {
  const metrics = Object.values(data.surveys.overall);
  const has = (field: string) =>
    metrics.find((m) => m !== null && m !== undefined && field in m) as unknown;
  return {
    nps: has("nps") as Nps | undefined,
    csat: has("csat") as Csat | undefined,
    ces: has("easyShare") as Ces | undefined,
  };
}

/**
 * The survey KPIs (NPS, CSAT, CES) and the CX index from `/api/cx` (docs/cx.md), with their
 * intervals and answer counts. Each tile fills in when its answer arrives.
 */
export function CxKpis({ cx }: { cx: ReturnType<typeof useCxKpis> }) {
  const { t, fmt } = useI18n();
  const { surveys, index } = cx;
  const m = surveys.data ? surveyMetrics(surveys.data) : undefined;
  const range = (ci: { low: number; high: number } | undefined, digits = 0) =>
    ci ? t("kpi.interval", { low: fmt.num(ci.low, digits), high: fmt.num(ci.high, digits) }) : "";
  const tile = (
    id: string,
    label: string,
    loadable: Loadable<unknown>,
    value: () => string,
    detail: () => string,
  ) => (
    <KpiCard
      id={id}
      label={label}
      state={loadable.state}
      value={loadable.state === "ready" ? value() : loadable.state === "loading" ? "…" : "–"}
      detail={
        loadable.state === "ready"
          ? detail()
          : loadable.state === "loading"
            ? t("state.loading")
            : loadable.error.message
      }
    />
  );
  return (
    <div className="kpi-grid">
      {tile(
        "nps",
        t("kpi.nps"),
        surveys,
        () => (m?.nps ? fmt.num(m.nps.nps, 1) : "–"),
        () =>
          m?.nps
            ? `${range(m.nps.ci, 1)} · ${t("kpi.answers", { n: fmt.int(m.nps.responses) })}`
            : t("kpi.noAnswers"),
      )}
      {tile(
        "csat",
        t("kpi.csat"),
        surveys,
        () => (m?.csat ? fmt.pct(m.csat.csat / 100) : "–"),
        () => (m?.csat ? t("kpi.answers", { n: fmt.int(m.csat.responses) }) : t("kpi.noAnswers")),
      )}
      {tile(
        "ces",
        t("kpi.ces"),
        surveys,
        () => (m?.ces ? fmt.num(m.ces.mean, 2) : "–"),
        () =>
          m?.ces
            ? `${range(m.ces.ci, 2)} · ${t("kpi.answers", { n: fmt.int(m.ces.responses) })}`
            : t("kpi.noAnswers"),
      )}
      {tile(
        "cx-index",
        t("kpi.cxIndex"),
        index,
        () => (index.data?.cxIndex ? fmt.num(index.data.cxIndex.value, 1) : "–"),
        () => t("kpi.cxIndexDetail"),
      )}
    </div>
  );
}

/**
 * The survey figures are quick; the CX index also scores the sentiment of every feedback text
 * (seconds of server work), so it is asked once the page's main figures (`primary`) are in and
 * does not hold them up. Absent when the server has no CX analysis.
 */
export function useCxKpis(
  filters: Filters,
  apiPaths: Set<string> | null,
  primary: Loadable<unknown>[],
) {
  // Unknown yet (the API description is still on its way): ask, and hide on a 404.
  const enabled = apiPaths === null || apiPaths.has("/api/cx");
  const params = filterParams(filters);
  const surveys = useApi<CxResult>(enabled ? "/api/cx" : null, { ...params, index: false });
  const absent = !enabled || (surveys.state === "error" && surveys.error.status === 404);
  const index = useApi<CxResult>(
    !absent && settled(surveys, ...primary) ? "/api/cx" : null,
    params,
  );
  return { surveys, index, absent };
}
