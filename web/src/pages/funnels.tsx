import { useMemo } from "react";
import type { FunnelResult, MapResult } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { Chart } from "../components/chart.tsx";
import { DataTable } from "../components/data-table.tsx";
import { KpiCard, Page, Panel } from "../components/page.tsx";
import { Async, Empty, Loading, pageState } from "../components/states.tsx";
import { type Filters, filterParams } from "../filters/filters.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { updateQuery, useLocation } from "../router/router.tsx";
import { FunnelBuilder, type FunnelSettings } from "./funnel-builder.tsx";
import { FunnelSteps } from "./funnel-steps.tsx";

/** Funnels common in event specs (Segment e-commerce, account opening, payments). */
const SUGGESTED = [
  ["Product Viewed", "Product Added", "Checkout Started", "Order Completed"],
  ["Product Viewed", "Application Started", "Account Opened"],
  ["Transfer Started", "Transfer Completed"],
  ["Signed Up", "Order Completed"],
];

/** The suggested funnel with most of its events in the data, else its two most frequent events. */
export function suggestedSteps(events: readonly string[]): string[] {
  const known = new Set(events);
  let best: string[] = [];
  for (const funnel of SUGGESTED) {
    const present = funnel.filter((e) => known.has(e));
    if (present.length > best.length) best = present;
  }
  return best.length >= 2 ? best : events.slice(0, 2);
}

/** Funnel builder and result: steps, window, mode and breakdown in the URL. */
export function FunnelsPage({ filters }: { filters: Filters }) {
  const { t, fmt } = useI18n();
  const { query } = useLocation();
  // The event names to pick steps from, over all the data (not the filters).
  const events = useApi<MapResult>("/api/map", {
    activity: "event",
    maxEdges: 1,
    variants: 0,
  });
  const eventNames = useMemo(() => events.data?.activities.map((a) => a.name) ?? [], [events.data]);
  const urlSteps = query.getAll("step");
  const settings: FunnelSettings = {
    steps: urlSteps.length >= 2 ? urlSteps : suggestedSteps(eventNames),
    window: query.get("window") ?? "7d",
    mode: (query.get("mode") as FunnelSettings["mode"] | null) ?? "ordered",
    breakdown: query.get("breakdown") ?? "",
  };
  const ready = events.state !== "loading" || urlSteps.length >= 2;
  const funnel = useApi<FunnelResult>(ready && settings.steps.length >= 2 ? "/api/funnel" : null, {
    ...filterParams(filters),
    step: settings.steps,
    window: settings.window,
    mode: settings.mode,
    breakdown: settings.breakdown || undefined,
  });
  const apply = (next: FunnelSettings) =>
    updateQuery(
      {
        step: next.steps.filter(Boolean),
        window: next.window === "7d" ? undefined : next.window,
        mode: next.mode === "ordered" ? undefined : next.mode,
        breakdown: next.breakdown || undefined,
      },
      { replace: true },
    );
  const noSteps = events.state === "ready" && settings.steps.length < 2;

  return (
    <Page
      id="funnels"
      title={t("nav.funnels")}
      description={t("funnel.description")}
      state={noSteps ? "ready" : pageState(funnel)}
    >
      <Panel title={t("funnel.builder")}>
        {ready ? (
          <FunnelBuilder settings={settings} events={eventNames} onApply={apply} />
        ) : (
          <Loading what={t("funnel.events")} />
        )}
      </Panel>
      {noSteps ? (
        <Empty>{t("funnel.needSteps")}</Empty>
      ) : (
        <Async data={funnel} what={t("nav.funnels")}>
          {(data) => (
            <>
              <div className="kpi-grid three">
                <KpiCard
                  id="funnel-entered"
                  label={t("funnel.entered")}
                  value={fmt.int(data.entered)}
                />
                <KpiCard
                  id="funnel-converted"
                  label={t("funnel.converted")}
                  value={fmt.int(data.converted)}
                />
                <KpiCard
                  id="funnel-conversion"
                  label={t("funnel.conversion")}
                  value={fmt.pct(data.overallConversion)}
                />
              </div>
              {data.entered === 0 ? (
                <Empty>{t("funnel.nobody")}</Empty>
              ) : (
                <FunnelSteps result={data} />
              )}
              {data.breakdown ? <FunnelBreakdown result={data} /> : null}
              {data.overTime.length > 0 ? (
                <Panel title={t("funnel.overTime")}>
                  <Chart
                    label={t("funnel.overTime")}
                    height={220}
                    option={{
                      tooltip: { trigger: "axis" },
                      grid: { left: 48, right: 48, top: 24, bottom: 32 },
                      legend: { top: 0 },
                      xAxis: {
                        type: "category",
                        data: data.overTime.map((w) => fmt.shortDay(w.week)),
                      },
                      yAxis: [
                        { type: "value" },
                        {
                          type: "value",
                          max: 1,
                          axisLabel: { formatter: (v: number) => fmt.pct(v, 0) },
                        },
                      ],
                      series: [
                        {
                          name: t("funnel.entered"),
                          type: "bar",
                          data: data.overTime.map((w) => w.entered),
                        },
                        {
                          name: t("funnel.conversion"),
                          type: "line",
                          yAxisIndex: 1,
                          data: data.overTime.map((w) => w.conversion),
                        },
                      ],
                    }}
                  />
                </Panel>
              ) : null}
            </>
          )}
        </Async>
      )}
    </Page>
  );
}

function FunnelBreakdown({ result }: { result: FunnelResult }) {
  const { t, fmt, label } = useI18n();
  const breakdown = result.breakdown;
  if (!breakdown) return null;
  const value = (g: (typeof breakdown.groups)[number]) =>
    g.other
      ? t("funnel.other")
      : breakdown.by === "channel"
        ? label("channel", g.value)
        : (g.value ?? t("common.none"));
  return (
    <Panel title={t("funnel.breakdownBy", { by: breakdown.key ?? t("funnel.byChannel") })}>
      <div className="grid-2">
        <Chart
          label={t("funnel.breakdownChart")}
          height={Math.max(160, 28 * breakdown.groups.length + 40)}
          option={{
            tooltip: { trigger: "axis", valueFormatter: (v: number) => fmt.pct(v) },
            grid: { left: 110, right: 24, top: 8, bottom: 24 },
            xAxis: {
              type: "value",
              max: 1,
              axisLabel: { formatter: (v: number) => fmt.pct(v, 0) },
            },
            yAxis: { type: "category", inverse: true, data: breakdown.groups.map(value) },
            series: [
              {
                name: t("funnel.conversion"),
                type: "bar",
                data: breakdown.groups.map((g) => g.overallConversion ?? 0),
              },
            ],
          }}
        />
        <DataTable
          id="breakdown"
          caption={t("funnel.breakdown")}
          rows={breakdown.groups}
          rowKey={(g) => `${g.other}:${g.value}`}
          columns={[
            { header: t("funnel.group"), cell: value },
            {
              header: t("funnel.entered"),
              numeric: true,
              id: "entered",
              cell: (g) => fmt.int(g.entered),
            },
            {
              header: t("funnel.converted"),
              numeric: true,
              id: "converted",
              cell: (g) => fmt.int(g.converted),
            },
            {
              header: t("funnel.conversion"),
              numeric: true,
              id: "conversion",
              cell: (g) => fmt.pct(g.overallConversion),
            },
          ]}
        />
      </div>
    </Panel>
  );
}
