import type { RetentionResult } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { Chart } from "../components/chart.tsx";
import { DataTable } from "../components/data-table.tsx";
import { Page, Panel } from "../components/page.tsx";
import { SelectField } from "../components/select-field.tsx";
import { Async, Empty, pageState } from "../components/states.tsx";
import { type Filters, filterParams } from "../filters/filters.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { useQueryParam } from "../router/use-query-param.ts";

type Period = "day" | "week" | "month";

/** Cohort retention (heatmap and table) and active profiles over time. */
export function RetentionPage({ filters }: { filters: Filters }) {
  const { t, fmt } = useI18n();
  const [period, setPeriod] = useQueryParam<Period>("period", "week");
  const [periods, setPeriods] = useQueryParam("periods", "8");
  const retention = useApi<RetentionResult>("/api/retention", {
    ...filterParams(filters),
    period,
    periods,
    activeInterval: period,
  });
  const periodLabel = (n: number) => t(`retention.${period}N`, { n });

  return (
    <Page
      id="retention"
      title={t("nav.retention")}
      description={t("retention.description")}
      state={pageState(retention)}
      controls={
        <>
          <SelectField<Period>
            name="period"
            label={t("retention.period")}
            value={period}
            onChange={setPeriod}
            options={(["day", "week", "month"] as const).map((p) => ({
              value: p,
              label: t(`period.${p}`),
            }))}
          />
          <SelectField
            name="periods"
            label={t("retention.periods")}
            value={periods}
            onChange={setPeriods}
            options={["4", "8", "12", "26"].map((v) => ({ value: v, label: v }))}
          />
        </>
      }
    >
      <Async data={retention} what={t("nav.retention")}>
        {(data) =>
          data.cohorts.length === 0 ? (
            <Empty>{t("retention.empty")}</Empty>
          ) : (
            <>
              <Panel title={t("retention.cohorts")}>
                <Chart
                  label={t("retention.heatmapLabel")}
                  height={Math.min(520, 60 + 26 * data.cohorts.length)}
                  option={{
                    tooltip: {
                      formatter: (p: { value: [number, number, number | null] }) =>
                        `${fmt.day(data.cohorts[p.value[1]]?.cohort ?? "")} · ${periodLabel(p.value[0])}: ${fmt.pct(p.value[2])}`,
                    },
                    grid: { left: 110, right: 16, top: 8, bottom: 64 },
                    xAxis: {
                      type: "category",
                      data: (data.cohorts[0]?.rates ?? []).map((_, n) => periodLabel(n)),
                    },
                    yAxis: {
                      type: "category",
                      inverse: true,
                      data: data.cohorts.map((c) => fmt.day(c.cohort)),
                    },
                    visualMap: {
                      min: 0,
                      max: 1,
                      calculable: false,
                      orient: "horizontal",
                      left: "center",
                      bottom: 0,
                      formatter: (v: number) => fmt.pct(v, 0),
                      inRange: { color: ["#eff6ff", "#1d4ed8"] },
                    },
                    series: [
                      {
                        type: "heatmap",
                        data: data.cohorts.flatMap((c, y) =>
                          c.rates.map((rate, x) => [x, y, rate]).filter((d) => d[2] !== null),
                        ),
                        label: {
                          show: data.cohorts.length <= 16,
                          fontSize: 10,
                          formatter: (p: { value: [number, number, number] }) =>
                            fmt.pct(p.value[2], 0),
                        },
                      },
                    ],
                  }}
                />
                <DataTable
                  id="cohorts"
                  caption={t("retention.cohorts")}
                  maxHeight={320}
                  rows={data.cohorts}
                  rowKey={(c) => c.cohort}
                  columns={[
                    { header: t("retention.cohort"), cell: (c) => fmt.day(c.cohort) },
                    {
                      header: t("col.profiles"),
                      numeric: true,
                      id: "profiles",
                      cell: (c) => fmt.int(c.profiles),
                    },
                    ...(data.cohorts[0]?.rates ?? []).slice(1).map((_, i) => ({
                      header: periodLabel(i + 1),
                      numeric: true,
                      id: `rate-${i + 1}`,
                      cell: (c: RetentionResult["cohorts"][number]) =>
                        fmt.pct(c.rates[i + 1] ?? null, 0),
                    })),
                  ]}
                />
              </Panel>
              <Panel
                title={t("retention.active", { interval: t(`period.${data.active.interval}`) })}
              >
                <Chart
                  label={t("retention.activeLabel")}
                  height={220}
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
                        name: t("col.profiles"),
                        type: "line",
                        showSymbol: false,
                        data: data.active.series.map((p) => p.profiles),
                      },
                    ],
                  }}
                />
              </Panel>
            </>
          )
        }
      </Async>
    </Page>
  );
}
