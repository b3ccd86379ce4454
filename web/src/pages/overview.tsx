import { useMemo } from "react";
import type { ApiError } from "../api/client.ts";
import type { RetentionResult, StagesResult } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { Chart } from "../components/chart.tsx";
import { DataTable } from "../components/data-table.tsx";
import { KpiCard, Page, Panel } from "../components/page.tsx";
import { Async, ErrorState, pageState } from "../components/states.tsx";
import { type Filters, filterParams } from "../filters/filters.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { CxKpis, useCxKpis } from "./overview-cx.tsx";
import { type OverviewKpis, overviewKpis } from "./overview-kpis.ts";

/** KPI board: survey KPIs, active customers, stage conversion and retention, with trends. */
export function OverviewPage({
  filters,
  apiPaths,
}: {
  filters: Filters;
  apiPaths: Set<string> | null;
}) {
  const { t, fmt, label } = useI18n();
  const params = filterParams(filters);
  const stages = useApi<StagesResult>("/api/stages", params);
  const retention = useApi<RetentionResult>("/api/retention", params);
  const cx = useCxKpis(filters, apiPaths, [stages, retention]);
  const state = pageState(stages, retention, ...(cx.absent ? [] : [cx.surveys]));
  const journey = pageState(stages, retention);

  const kpis = useMemo(
    () => (stages.data && retention.data ? overviewKpis(stages.data, retention.data) : null),
    [stages.data, retention.data],
  );

  const spark = (values: number[]) => ({
    grid: { left: 0, right: 0, top: 4, bottom: 0 },
    xAxis: { type: "category", show: false, data: values.map((_, i) => i) },
    yAxis: { type: "value", show: false, min: 0 },
    series: [{ type: "line", data: values, showSymbol: false, areaStyle: { opacity: 0.15 } }],
    animation: false,
  });
  // Each tile fills in as its figures arrive; until then it says it is loading.
  const figure = (value: (k: OverviewKpis) => string) =>
    kpis ? value(kpis) : journey === "loading" ? "…" : "–";
  const detail = (text: (k: OverviewKpis) => string) =>
    kpis ? text(kpis) : journey === "loading" ? t("state.loading") : "";

  return (
    <Page
      id="overview"
      title={t("nav.overview")}
      description={t("overview.description")}
      state={state}
      complete={cx.absent || cx.index.state !== "loading"}
    >
      {cx.absent ? null : <CxKpis cx={cx} />}
      <div className="kpi-grid">
        <KpiCard
          id="active-customers"
          label={t("kpi.activeCustomers")}
          state={journey}
          value={figure((k) => fmt.int(k.activeCustomers))}
          detail={detail(() => t("kpi.activeCustomersDetail"))}
        >
          {kpis ? (
            <Chart label={t("kpi.activeTrend")} height={44} option={spark(kpis.activeTrend)} />
          ) : null}
        </KpiCard>
        <KpiCard
          id="purchase-conversion"
          label={t("kpi.purchaseConversion")}
          state={journey}
          value={figure((k) => fmt.pct(k.purchaseConversion))}
          detail={detail((k) =>
            t("kpi.purchaseConversionDetail", { n: fmt.int(k.purchaseProfiles) }),
          )}
        >
          {kpis ? (
            <Chart label={t("kpi.purchaseTrend")} height={44} option={spark(kpis.purchaseTrend)} />
          ) : null}
        </KpiCard>
        <KpiCard
          id="loyalty-share"
          label={t("kpi.loyaltyShare")}
          state={journey}
          value={figure((k) => fmt.pct(k.loyaltyShare))}
          detail={detail(() => t("kpi.loyaltyShareDetail"))}
        />
        <KpiCard
          id="week1-retention"
          label={t("kpi.week1Retention")}
          state={journey}
          value={figure((k) => fmt.pct(k.week1Retention))}
          detail={detail(() => t("kpi.week1RetentionDetail"))}
        />
      </div>
      {journey === "error" ? (
        <ErrorState
          error={(stages.error ?? retention.error) as ApiError}
          retry={() => {
            stages.reload();
            retention.reload();
          }}
        />
      ) : null}

      <div className="grid-2">
        <Panel title={t("overview.stages")}>
          <Async data={stages} what={t("overview.stages")}>
            {(data) => (
              <>
                <Chart
                  label={t("overview.stagesChart")}
                  height={240}
                  option={{
                    tooltip: { trigger: "axis" },
                    legend: { bottom: 0 },
                    grid: { left: 48, right: 16, top: 16, bottom: 48 },
                    xAxis: {
                      type: "category",
                      data: data.stages.map((s) => label("stage", s.stage)),
                    },
                    yAxis: { type: "value" },
                    series: [
                      {
                        name: t("overview.stageProfiles"),
                        type: "bar",
                        data: data.stages.map((s) => s.profiles),
                      },
                      {
                        name: t("overview.stageFurthest"),
                        type: "bar",
                        data: data.stages.map((s) => s.furthest),
                      },
                    ],
                  }}
                />
                <DataTable
                  id="stages"
                  caption={t("overview.stages")}
                  rows={data.stages}
                  rowKey={(s) => s.stage}
                  columns={[
                    { header: t("col.stage"), cell: (s) => label("stage", s.stage) },
                    {
                      header: t("col.events"),
                      numeric: true,
                      id: "events",
                      cell: (s) => fmt.int(s.events),
                    },
                    {
                      header: t("col.profiles"),
                      numeric: true,
                      id: "profiles",
                      cell: (s) => fmt.int(s.profiles),
                    },
                    {
                      header: t("overview.stageFurthest"),
                      numeric: true,
                      id: "furthest",
                      cell: (s) => fmt.int(s.furthest),
                    },
                  ]}
                />
              </>
            )}
          </Async>
        </Panel>
        <Panel title={t("overview.activeByDay")}>
          <Async data={retention} what={t("overview.activeByDay")}>
            {(data) => (
              <Chart
                label={t("overview.activeByDay")}
                height={360}
                option={{
                  tooltip: { trigger: "axis" },
                  grid: { left: 48, right: 16, top: 16, bottom: 32 },
                  xAxis: {
                    type: "category",
                    data: data.active.series.map((p) => fmt.shortDay(p.period)),
                  },
                  yAxis: { type: "value" },
                  series: [
                    {
                      name: t("kpi.activeCustomers"),
                      type: "line",
                      showSymbol: false,
                      data: data.active.series.map((p) => p.profiles),
                    },
                  ],
                }}
              />
            )}
          </Async>
        </Panel>
      </div>
    </Page>
  );
}
