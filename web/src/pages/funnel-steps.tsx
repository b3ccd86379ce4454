import type { FunnelResult } from "../api/types.ts";
import { COLORS } from "../charts/echarts.ts";
import { Chart } from "../components/chart.tsx";
import { DataTable } from "../components/data-table.tsx";
import { Panel } from "../components/page.tsx";
import { useI18n } from "../i18n/i18n.tsx";

/** Profiles per step as bars (the drop-off in the warning colour), and the step table. */
export function FunnelSteps({ result }: { result: FunnelResult }) {
  const { t, fmt } = useI18n();
  const names = result.steps.map((s) => `${s.step}. ${s.label}`);
  return (
    <Panel title={t("funnel.steps")}>
      <Chart
        label={t("funnel.stepsChart")}
        height={240}
        option={{
          tooltip: { trigger: "axis" },
          legend: { bottom: 0 },
          grid: { left: 56, right: 16, top: 24, bottom: 56 },
          xAxis: {
            type: "category",
            data: names,
            axisLabel: { interval: 0, width: 140, overflow: "truncate" },
          },
          yAxis: { type: "value" },
          series: [
            {
              name: t("funnel.reached"),
              type: "bar",
              stack: "funnel",
              barMaxWidth: 140,
              data: result.steps.map((s) => s.profiles),
              label: {
                show: true,
                position: "inside",
                formatter: (p: { dataIndex: number }) =>
                  fmt.pct(result.steps[p.dataIndex]?.conversionFromStart),
              },
            },
            {
              name: t("funnel.dropOff"),
              type: "bar",
              stack: "funnel",
              itemStyle: { color: COLORS.warning, opacity: 0.35 },
              data: result.steps.map((s) => s.dropOff),
            },
          ],
        }}
      />
      <DataTable
        id="steps"
        caption={t("funnel.steps")}
        rows={result.steps}
        rowKey={(s) => String(s.step)}
        columns={[
          { header: t("col.step"), cell: (s) => `${s.step}. ${s.label}` },
          {
            header: t("col.profiles"),
            numeric: true,
            id: "profiles",
            cell: (s) => fmt.int(s.profiles),
          },
          {
            header: t("funnel.fromPrevious"),
            numeric: true,
            id: "fromPrevious",
            cell: (s) => fmt.pct(s.conversionFromPrevious),
          },
          {
            header: t("funnel.fromStart"),
            numeric: true,
            id: "fromStart",
            cell: (s) => fmt.pct(s.conversionFromStart),
          },
          {
            header: t("funnel.dropOff"),
            numeric: true,
            id: "dropOff",
            cell: (s) => fmt.int(s.dropOff),
          },
          {
            header: t("funnel.medianTime"),
            numeric: true,
            cell: (s) => fmt.duration(s.medianMsFromPrevious),
          },
        ]}
      />
    </Panel>
  );
}
