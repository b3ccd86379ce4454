import type { Profile } from "../api/types.ts";
import { escapeHtml } from "../charts/echarts.ts";
import { Chart } from "../components/chart.tsx";
import { DataTable } from "../components/data-table.tsx";
import { Panel } from "../components/page.tsx";
import { useI18n } from "../i18n/i18n.tsx";

/** The cross-channel timeline: every event on a channel lane, and the latest events listed. */
export function CustomerTimeline({ profile }: { profile: Profile }) {
  const { t, fmt, label } = useI18n();
  const events = profile.timeline;
  const channels = [...new Set(events.map((e) => e.channel))].sort();
  return (
    <Panel
      title={t("customers.timeline", { n: fmt.int(events.length) })}
      actions={
        profile.timelineTruncated ? (
          <span className="muted small">{t("customers.truncated")}</span>
        ) : null
      }
    >
      <Chart
        label={t("customers.timelineLabel")}
        height={Math.max(140, 36 * channels.length + 60)}
        option={{
          tooltip: {
            formatter: (p: { data: [number, string, string] }) =>
              `${fmt.dateTime(new Date(p.data[0]).toISOString())}<br/>${escapeHtml(label("channel", p.data[1]))}: ${escapeHtml(p.data[2])}`,
          },
          grid: { left: 96, right: 24, top: 8, bottom: 32 },
          xAxis: {
            type: "time",
            axisLabel: {
              hideOverlap: true,
              formatter: (v: number) => fmt.shortDay(new Date(v).toISOString()),
            },
          },
          yAxis: {
            type: "category",
            data: channels,
            axisLabel: { formatter: (c: string) => label("channel", c) },
          },
          series: [
            {
              type: "scatter",
              symbolSize: 9,
              data: events.map((e) => [Date.parse(e.timestamp), e.channel, e.event ?? e.type]),
            },
          ],
        }}
      />
      <DataTable
        id="timeline"
        caption={t("customers.timelineLabel")}
        maxHeight={320}
        rows={[...events].reverse()}
        rowKey={(e) => e.messageId}
        columns={[
          { header: t("customers.when"), cell: (e) => fmt.dateTime(e.timestamp) },
          { header: t("col.channel"), cell: (e) => label("channel", e.channel) },
          { header: t("col.event"), cell: (e) => e.event ?? e.type },
          {
            header: t("customers.identity"),
            cell: (e) => <span className="muted small mono">{e.userId ?? e.anonymousId}</span>,
          },
        ]}
      />
    </Panel>
  );
}
