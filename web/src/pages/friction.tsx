import type { BreakpointsResult, FrictionResult } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { COLORS } from "../charts/echarts.ts";
import { Chart } from "../components/chart.tsx";
import { DataTable } from "../components/data-table.tsx";
import { KpiCard, Page, Panel } from "../components/page.tsx";
import { Async, Empty, pageState } from "../components/states.tsx";
import { type Filters, filterParams } from "../filters/filters.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { Link } from "../router/router.tsx";

const stepLabel = (s: { channel: string; event: string }) => `${s.channel}:${s.event}`;

/** The signal rates shown per step, in the order of docs/friction.md#signals. */
const SIGNALS = [
  "dropOff",
  "failure",
  "repeat",
  "longDwell",
  "channelSwitch",
  "negativeFeedback",
] as const;

/** Friction points (steps scored by failure, repeats, dwell, switches, bad feedback) and breakpoints. */
export function FrictionPage({ filters }: { filters: Filters }) {
  const { t, fmt } = useI18n();
  const params = filterParams(filters);
  const breakpoints = useApi<BreakpointsResult>("/api/breakpoints", { ...params, limit: 10 });
  const friction = useApi<FrictionResult>("/api/friction", { ...params, limit: 15 });

  return (
    <Page
      id="friction"
      title={t("nav.friction")}
      description={t("friction.description")}
      state={pageState(breakpoints, friction)}
    >
      <Async data={breakpoints} what={t("friction.breakpoints")}>
        {(b) => (
          <Panel title={t("friction.breakpoints")}>
            <div className="kpi-grid">
              <KpiCard
                id="bad-profiles"
                label={t("friction.badProfiles")}
                value={fmt.int(b.badProfiles)}
                detail={t("friction.badRate", { rate: fmt.pct(b.badRate), n: fmt.int(b.profiles) })}
              />
              <KpiCard
                id="tested"
                label={t("friction.tested")}
                value={fmt.int(b.tested)}
                detail={t("friction.significant", { n: fmt.int(b.significant) })}
              />
            </div>
            {b.findings.length === 0 ? (
              <Empty>{t("friction.noBreakpoints")}</Empty>
            ) : (
              <DataTable
                id="breakpoints"
                caption={t("friction.breakpoints")}
                rows={b.findings}
                rowKey={(f) => String(f.rank)}
                columns={[
                  {
                    header: t("friction.sequence"),
                    cell: (f) => <span className="path">{f.steps.map(stepLabel).join(" → ")}</span>,
                  },
                  {
                    header: t("friction.shareOfBad"),
                    numeric: true,
                    id: "shareOfBad",
                    cell: (f) => fmt.pct(f.shareOfBad),
                  },
                  {
                    header: t("friction.shareOfOthers"),
                    numeric: true,
                    id: "shareOfOthers",
                    cell: (f) => fmt.pct(f.shareOfOthers),
                  },
                  {
                    header: t("friction.lift"),
                    numeric: true,
                    id: "lift",
                    cell: (f) => fmt.num(f.lift, 1),
                  },
                  {
                    header: "q",
                    numeric: true,
                    cell: (f) => (f.qValue < 0.001 ? "< 0.001" : fmt.num(f.qValue, 3)),
                  },
                  {
                    header: t("friction.examples"),
                    cell: (f) => (
                      <span className="examples">
                        {f.examples
                          .filter((e) => e.identifier)
                          .map((e) => (
                            <Link
                              key={e.profileId}
                              href={`/customers?id=${encodeURIComponent(e.identifier ?? "")}`}
                              className="mono small"
                            >
                              {e.identifier}
                            </Link>
                          ))}
                      </span>
                    ),
                  },
                ]}
              />
            )}
          </Panel>
        )}
      </Async>
      <Async data={friction} what={t("friction.steps")}>
        {(f) =>
          f.steps.length === 0 ? (
            <Empty>{t("friction.noSteps")}</Empty>
          ) : (
            <>
              <Panel title={t("friction.steps")}>
                <Chart
                  label={t("friction.stepsChart")}
                  height={Math.max(200, 24 * f.steps.length + 40)}
                  option={{
                    tooltip: { trigger: "axis" },
                    grid: { left: 260, right: 24, top: 8, bottom: 24 },
                    xAxis: { type: "value" },
                    yAxis: {
                      type: "category",
                      inverse: true,
                      data: f.steps.map((s) => s.label),
                      axisLabel: { width: 250, overflow: "truncate" },
                    },
                    series: [
                      {
                        name: t("friction.score"),
                        type: "bar",
                        itemStyle: { color: COLORS.warning },
                        data: f.steps.map((s) => Number(s.frictionScore.toFixed(3))),
                      },
                    ],
                  }}
                />
                <DataTable
                  id="friction-steps"
                  caption={t("friction.steps")}
                  rows={f.steps}
                  rowKey={(s) => s.label}
                  columns={[
                    { header: t("friction.step"), cell: (s) => s.label },
                    {
                      header: t("friction.score"),
                      numeric: true,
                      id: "score",
                      cell: (s) => fmt.num(s.frictionScore, 3),
                    },
                    ...SIGNALS.map((signal) => ({
                      header: t(`friction.${signal}`),
                      numeric: true,
                      id: signal,
                      cell: (s: FrictionResult["steps"][number]) => fmt.pct(s.rates[signal], 1),
                    })),
                    {
                      header: t("col.events"),
                      numeric: true,
                      id: "occurrences",
                      cell: (s) => fmt.int(s.occurrences),
                    },
                  ]}
                />
              </Panel>
              <Panel title={t("friction.transitions")}>
                <DataTable
                  id="friction-transitions"
                  caption={t("friction.transitions")}
                  rows={f.transitions}
                  rowKey={(x) => x.label}
                  columns={[
                    {
                      header: t("friction.transition"),
                      cell: (x) => (
                        <span className="path">{`${stepLabel(x.from)} → ${stepLabel(x.to)}`}</span>
                      ),
                    },
                    {
                      header: t("friction.score"),
                      numeric: true,
                      cell: (x) => fmt.num(x.frictionScore, 3),
                    },
                    { header: t("col.transitions"), numeric: true, cell: (x) => fmt.int(x.count) },
                    {
                      header: t("col.medianTime"),
                      numeric: true,
                      cell: (x) => fmt.duration(x.medianMs),
                    },
                    {
                      header: t("friction.longDwell"),
                      numeric: true,
                      id: "longDwell",
                      cell: (x) => fmt.pct(x.rates.longDwell, 1),
                    },
                    {
                      header: t("friction.channelSwitch"),
                      numeric: true,
                      id: "channelSwitch",
                      cell: (x) => fmt.pct(x.rates.channelSwitch, 1),
                    },
                  ]}
                />
              </Panel>
            </>
          )
        }
      </Async>
    </Page>
  );
}
