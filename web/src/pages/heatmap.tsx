import type { HeatmapResult } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { escapeHtml } from "../charts/echarts.ts";
import { Chart } from "../components/chart.tsx";
import { DataTable } from "../components/data-table.tsx";
import { Page, Panel } from "../components/page.tsx";
import { Async, Empty, pageState } from "../components/states.tsx";
import { type Filters, filterParams } from "../filters/filters.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { useQueryParam } from "../router/use-query-param.ts";

/** The pain-point heatmap: friction score per journey stage × channel; a cell's main steps. */
export function HeatmapPage({ filters }: { filters: Filters }) {
  const { t, fmt, label } = useI18n();
  const [cellKey, setCellKey] = useQueryParam("cell", "");
  const heatmap = useApi<HeatmapResult>("/api/heatmap", filterParams(filters));

  return (
    <Page
      id="heatmap"
      title={t("nav.heatmap")}
      description={t("heatmap.description")}
      state={pageState(heatmap)}
    >
      <Async data={heatmap} what={t("nav.heatmap")}>
        {(h) => {
          if (h.cells.length === 0) return <Empty>{t("heatmap.empty")}</Empty>;
          const cell = h.cells.find((c) => `${c.stage}:${c.channel}` === cellKey);
          return (
            <>
              <Panel title={t("heatmap.title")}>
                <Chart
                  label={t("heatmap.label")}
                  height={80 + 48 * h.stages.length}
                  onClick={(p) => {
                    const [x, y] = (p.data as [number, number, number] | undefined) ?? [];
                    const c = h.cells.find(
                      (c) => c.channel === h.channels[x ?? -1] && c.stage === h.stages[y ?? -1],
                    );
                    if (c) setCellKey(`${c.stage}:${c.channel}`);
                  }}
                  option={{
                    tooltip: {
                      formatter: (p: { data: [number, number, number] }) =>
                        escapeHtml(
                          `${label("stage", h.stages[p.data[1]] ?? "")} · ${label("channel", h.channels[p.data[0]] ?? "")}: ${fmt.num(p.data[2], 3)}`,
                        ),
                    },
                    grid: { left: 110, right: 16, top: 8, bottom: 56 },
                    xAxis: { type: "category", data: h.channels.map((c) => label("channel", c)) },
                    yAxis: {
                      type: "category",
                      inverse: true,
                      data: h.stages.map((s) => label("stage", s)),
                    },
                    visualMap: {
                      min: 0,
                      max: Math.max(h.maxScore, 0.001),
                      orient: "horizontal",
                      left: "center",
                      bottom: 0,
                      formatter: (v: number) => fmt.num(v, 2),
                      inRange: { color: ["#fff7ed", "#fdba74", "#dc2626"] },
                    },
                    series: [
                      {
                        type: "heatmap",
                        data: h.cells.map((c) => [
                          h.channels.indexOf(c.channel),
                          h.stages.indexOf(c.stage),
                          c.frictionScore,
                        ]),
                        label: {
                          show: true,
                          fontSize: 11,
                          formatter: (p: { data: [number, number, number] }) =>
                            fmt.num(p.data[2], 3),
                        },
                      },
                    ],
                  }}
                />
                <p className="muted small">{t("heatmap.hint")}</p>
              </Panel>
              {cell ? (
                <Panel
                  title={t("heatmap.cell", {
                    stage: label("stage", cell.stage),
                    channel: label("channel", cell.channel),
                  })}
                >
                  <DataTable
                    id="cell-steps"
                    caption={t("heatmap.cellSteps")}
                    rows={cell.top}
                    rowKey={(s) => s.label}
                    columns={[
                      { header: t("friction.step"), cell: (s) => s.label },
                      {
                        header: t("friction.score"),
                        numeric: true,
                        cell: (s) => fmt.num(s.frictionScore, 3),
                      },
                      {
                        header: t("col.events"),
                        numeric: true,
                        id: "occurrences",
                        cell: (s) => fmt.int(s.occurrences),
                      },
                      {
                        header: t("heatmap.share"),
                        numeric: true,
                        cell: (s) => fmt.pct(s.share, 0),
                      },
                    ]}
                  />
                </Panel>
              ) : null}
              <Panel title={t("heatmap.cells")}>
                <DataTable
                  id="cells"
                  caption={t("heatmap.cells")}
                  maxHeight={360}
                  rows={[...h.cells].sort((a, b) => b.frictionScore - a.frictionScore)}
                  rowKey={(c) => `${c.stage}:${c.channel}`}
                  columns={[
                    {
                      header: t("heatmap.where"),
                      cell: (c) => (
                        <button
                          type="button"
                          className="link"
                          onClick={() => setCellKey(`${c.stage}:${c.channel}`)}
                        >
                          {label("stage", c.stage)} · {label("channel", c.channel)}
                        </button>
                      ),
                    },
                    {
                      header: t("friction.score"),
                      numeric: true,
                      id: "score",
                      cell: (c) => fmt.num(c.frictionScore, 3),
                    },
                    {
                      header: t("col.events"),
                      numeric: true,
                      id: "occurrences",
                      cell: (c) => fmt.int(c.occurrences),
                    },
                    {
                      header: t("friction.failure"),
                      numeric: true,
                      cell: (c) => fmt.pct(c.rates.failure, 1),
                    },
                  ]}
                />
              </Panel>
            </>
          );
        }}
      </Async>
    </Page>
  );
}
