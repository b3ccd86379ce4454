import type { SessionsResult } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { Chart } from "../components/chart.tsx";
import { DataTable } from "../components/data-table.tsx";
import { KpiCard, Page, Panel } from "../components/page.tsx";
import { SelectField } from "../components/select-field.tsx";
import { Async, Empty, pageState } from "../components/states.tsx";
import { type Filters, filterParams } from "../filters/filters.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { useQueryParam } from "../router/use-query-param.ts";

/** Sessions across channels: how long, how many events, which channel sequences, entries, exits. */
export function SessionsPage({ filters }: { filters: Filters }) {
  const { t, fmt, label } = useI18n();
  const [gap, setGap] = useQueryParam("gapMinutes", "30");
  const sessions = useApi<SessionsResult>("/api/sessions", {
    ...filterParams(filters),
    gapMinutes: gap,
    limit: 0,
    top: 12,
  });
  const channels = (list: string[]) => list.map((c) => label("channel", c)).join(" → ");

  return (
    <Page
      id="sessions"
      title={t("nav.sessions")}
      description={t("sessions.description")}
      state={pageState(sessions)}
      controls={
        <SelectField
          name="gapMinutes"
          label={t("sessions.gap")}
          value={gap}
          onChange={setGap}
          options={["15", "30", "60", "240"].map((v) => ({
            value: v,
            label: fmt.duration(Number(v) * 60_000),
          }))}
        />
      }
    >
      <Async data={sessions} what={t("nav.sessions")}>
        {(data) =>
          data.sessions === 0 ? (
            <Empty>{t("sessions.empty")}</Empty>
          ) : (
            <>
              <div className="kpi-grid">
                <KpiCard
                  id="sessions-count"
                  label={t("kpi.sessions")}
                  value={fmt.int(data.sessions)}
                />
                <KpiCard
                  id="sessions-profiles"
                  label={t("col.profiles")}
                  value={fmt.int(data.profiles)}
                />
                <KpiCard
                  id="sessions-median"
                  label={t("sessions.median")}
                  value={fmt.duration(data.medianDurationMs)}
                  detail={t("sessions.p90", { d: fmt.duration(data.p90DurationMs) })}
                />
                <KpiCard
                  id="sessions-events"
                  label={t("sessions.eventsPerSession")}
                  value={fmt.num(data.eventsPerSession, 1)}
                />
                <KpiCard
                  id="sessions-multichannel"
                  label={t("kpi.multichannelShare")}
                  value={fmt.pct(
                    data.sessions > 0 ? data.multiChannelSessions / data.sessions : null,
                  )}
                  detail={t("sessions.multichannelCount", {
                    n: fmt.int(data.multiChannelSessions),
                  })}
                />
              </div>
              <Panel title={t("sessions.channelPaths")}>
                <Chart
                  label={t("sessions.channelPaths")}
                  height={Math.max(160, 26 * data.channelPaths.length + 40)}
                  option={{
                    tooltip: { trigger: "axis" },
                    grid: { left: 200, right: 24, top: 8, bottom: 24 },
                    xAxis: { type: "value" },
                    yAxis: {
                      type: "category",
                      inverse: true,
                      data: data.channelPaths.map((p) => channels(p.channels)),
                    },
                    series: [
                      {
                        name: t("kpi.sessions"),
                        type: "bar",
                        data: data.channelPaths.map((p) => p.sessions),
                      },
                    ],
                  }}
                />
              </Panel>
              <div className="grid-2">
                <Panel title={t("sessions.entries")}>
                  <DataTable
                    id="entries"
                    caption={t("sessions.entries")}
                    rows={data.entries}
                    rowKey={(e) => e.event}
                    columns={[
                      { header: t("col.event"), cell: (e) => e.event },
                      {
                        header: t("kpi.sessions"),
                        numeric: true,
                        id: "sessions",
                        cell: (e) => fmt.int(e.sessions),
                      },
                    ]}
                  />
                </Panel>
                <Panel title={t("sessions.exits")}>
                  <DataTable
                    id="exits"
                    caption={t("sessions.exits")}
                    rows={data.exits}
                    rowKey={(e) => e.event}
                    columns={[
                      { header: t("col.event"), cell: (e) => e.event },
                      {
                        header: t("kpi.sessions"),
                        numeric: true,
                        id: "sessions",
                        cell: (e) => fmt.int(e.sessions),
                      },
                    ]}
                  />
                </Panel>
              </div>
            </>
          )
        }
      </Async>
    </Page>
  );
}
