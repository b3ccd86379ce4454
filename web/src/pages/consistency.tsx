import { useMemo } from "react";
import { formatP } from "../../../src/core/gaps/gap-summary.ts";
import type { Gap, GapsResult } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { escapeHtml } from "../charts/echarts.ts";
import { Chart } from "../components/chart.tsx";
import { DataTable } from "../components/data-table.tsx";
import { Page, Panel } from "../components/page.tsx";
import { Async, Empty, pageState } from "../components/states.tsx";
import { type Filters, filterParams } from "../filters/filters.ts";
import type { Formatters } from "../i18n/format.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { useQueryParam } from "../router/use-query-param.ts";
import { gapMatrix } from "./consistency-matrix.ts";

/** A metric's value in its unit: rates as %, times as durations, survey scores as numbers. */
export function metricValue(fmt: Formatters, metric: Gap["metric"], value: number): string {
  if (metric === "completion" || metric === "failure" || metric === "content")
    return fmt.pct(value);
  if (metric === "time") return fmt.duration(value);
  return fmt.num(value, 2);
}

/** How far below the best channel, in the metric's unit: rate points, time, score. */
function gapAmount(fmt: Formatters, gap: Gap): string {
  if (gap.metric === "time") return `+${fmt.duration(gap.gap)}`;
  if (gap.metric === "csat" || gap.metric === "ces") return fmt.num(gap.gap, 2);
  return fmt.num(Math.round(gap.gap * 100), 0);
}

/** The gap in one sentence, in the page's language (the API's `summary` is the CLI's English). */
function GapSentence({ gap }: { gap: Gap }) {
  const { t, fmt, label } = useI18n();
  const unit = gap.metric === "completion" || gap.metric === "failure" || gap.metric === "content";
  const vars = {
    task: gap.task ?? t("gaps.content"),
    channel: label("channel", gap.channel),
    metric: t(`gaps.metric.${gap.metric}`),
    value: metricValue(fmt, gap.metric, gap.value),
    best: metricValue(fmt, gap.metric, gap.bestValue),
    bestChannel: label("channel", gap.bestChannel),
    gap: gapAmount(fmt, gap),
    p: formatP(gap.pValue),
  };
  const head = t(unit ? "gaps.sentence.points" : "gaps.sentence", vars);
  const cause = gap.rootCauses[0];
  if (!gap.significant) return <>{`${head} — ${t("gaps.priority.none")}`}</>;
  if (!cause) return <>{head}</>;
  const because = t("gaps.sentence.cause", {
    dimension: dimensionLabel(t, cause),
    value: cause.value ?? t("common.none"),
    rate: fmt.pct(cause.rate, 0),
    rest: fmt.pct(cause.restRate, 0),
  });
  return <>{`${head} — ${because}`}</>;
}

/** A drill-down dimension's name: the dictionary's for the defaults, else the API's label. */
function dimensionLabel(t: ReturnType<typeof useI18n>["t"], cause: Gap["rootCauses"][number]) {
  const key = `gaps.dim.${cause.dimension}` as "gaps.dim.browser";
  const text = t(key);
  return text === key ? cause.label : text;
}

/** Channel consistency: gaps of each task between channels, ranked, with root causes. */
export function ConsistencyPage({ filters }: { filters: Filters }) {
  const { t, fmt, label } = useI18n();
  const [selected, setSelected] = useQueryParam("gap", "");
  const gaps = useApi<GapsResult>("/api/gaps", filterParams(filters));
  const matrix = useMemo(() => (gaps.data ? gapMatrix(gaps.data.gaps) : null), [gaps.data]);
  const rowName = (r: { task: string | null; metric: string }) =>
    `${r.task ?? t("gaps.content")} · ${t(`gaps.metric.${r.metric}` as "gaps.metric.time")}`;

  return (
    <Page
      id="consistency"
      title={t("nav.consistency")}
      description={t("gaps.description")}
      state={pageState(gaps)}
    >
      <Async data={gaps} what={t("nav.consistency")}>
        {(data) => {
          if (data.gaps.length === 0 || !matrix) return <Empty>{t("gaps.empty")}</Empty>;
          const gap = data.gaps.find((g) => String(g.rank) === selected);
          return (
            <>
              <Panel title={t("gaps.matrix")}>
                <Chart
                  label={t("gaps.matrixLabel")}
                  height={80 + 40 * matrix.rows.length}
                  onClick={(p) => {
                    const cell = matrix.cells.find(
                      (c) =>
                        (p.data as number[] | undefined)?.[0] === c.col &&
                        (p.data as number[])[1] === c.row,
                    );
                    if (cell?.gap) setSelected(String(cell.gap.rank));
                  }}
                  option={{
                    tooltip: {
                      formatter: (p: { data: [number, number, number] }) => {
                        const cell = matrix.cells.find(
                          (c) => c.col === p.data[0] && c.row === p.data[1],
                        );
                        const r = matrix.rows[p.data[1]];
                        return cell && r
                          ? escapeHtml(
                              `${rowName(r)} · ${label("channel", matrix.channels[p.data[0]] ?? "")}: ${metricValue(fmt, r.metric, cell.value)}`,
                            )
                          : "";
                      },
                    },
                    grid: { left: 170, right: 16, top: 8, bottom: 56 },
                    xAxis: {
                      type: "category",
                      data: matrix.channels.map((c) => label("channel", c)),
                    },
                    yAxis: { type: "category", inverse: true, data: matrix.rows.map(rowName) },
                    visualMap: {
                      min: 0,
                      max: Math.max(0.05, ...matrix.cells.map((c) => c.relativeGap)),
                      orient: "horizontal",
                      left: "center",
                      bottom: 0,
                      formatter: (v: number) => fmt.pct(v, 0),
                      inRange: { color: ["#ecfdf5", "#fde68a", "#dc2626"] },
                    },
                    series: [
                      {
                        type: "heatmap",
                        data: matrix.cells.map((c) => [c.col, c.row, c.relativeGap]),
                        label: {
                          show: true,
                          fontSize: 11,
                          formatter: (p: { data: [number, number, number] }) => {
                            const cell = matrix.cells.find(
                              (c) => c.col === p.data[0] && c.row === p.data[1],
                            );
                            const r = matrix.rows[p.data[1]];
                            return cell && r ? metricValue(fmt, r.metric, cell.value) : "";
                          },
                        },
                      },
                    ],
                  }}
                />
                <p className="muted small">{t("gaps.matrixHint")}</p>
              </Panel>
              {gap ? <RootCauses gap={gap} onClose={() => setSelected(undefined)} /> : null}
              <Panel title={t("gaps.ranked")}>
                <DataTable
                  id="gaps"
                  caption={t("gaps.ranked")}
                  rows={data.gaps}
                  rowKey={(g) => String(g.rank)}
                  columns={[
                    { header: "#", cell: (g) => g.rank },
                    {
                      header: t("gaps.priority"),
                      id: "priority",
                      cell: (g) => t(`gaps.priority.${g.priority}`),
                    },
                    {
                      header: t("gaps.where"),
                      cell: (g) => `${rowName(g)} · ${label("channel", g.channel)}`,
                    },
                    {
                      header: t("gaps.value"),
                      numeric: true,
                      id: "value",
                      cell: (g) => metricValue(fmt, g.metric, g.value),
                    },
                    {
                      header: t("gaps.best"),
                      numeric: true,
                      cell: (g) =>
                        `${metricValue(fmt, g.metric, g.bestValue)} (${label("channel", g.bestChannel)})`,
                    },
                    { header: t("gaps.type"), cell: (g) => t(`gaps.type.${g.type}`) },
                    {
                      header: "q",
                      numeric: true,
                      cell: (g) => (g.qValue < 0.001 ? "< 0.001" : fmt.num(g.qValue, 3)),
                    },
                    {
                      header: t("gaps.rootCause"),
                      cell: (g) =>
                        g.rootCauses.length > 0 ? (
                          <button
                            type="button"
                            className="link"
                            aria-label={t("gaps.showRootCause", { n: g.rank })}
                            onClick={() => setSelected(String(g.rank))}
                          >
                            {g.rootCauses[0] ? dimensionLabel(t, g.rootCauses[0]) : ""}:{" "}
                            {g.rootCauses[0]?.value ?? t("common.none")}
                          </button>
                        ) : (
                          "–"
                        ),
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

function RootCauses({ gap, onClose }: { gap: Gap; onClose(): void }) {
  const { t, fmt } = useI18n();
  return (
    <Panel
      title={t("gaps.drillDown", { n: gap.rank })}
      actions={
        <button type="button" className="button small ghost" onClick={onClose}>
          {t("action.dismiss")}
        </button>
      }
    >
      <p data-testid="gap-summary">
        <GapSentence gap={gap} />
      </p>
      {gap.rootCauses.length === 0 ? (
        <Empty>{t("gaps.noRootCause")}</Empty>
      ) : (
        <DataTable
          id="root-causes"
          caption={t("gaps.drillDown", { n: gap.rank })}
          rows={gap.rootCauses}
          rowKey={(r) => `${r.dimension}:${r.value}`}
          columns={[
            { header: t("gaps.dimension"), cell: (r) => dimensionLabel(t, r) },
            { header: t("customers.value"), id: "value", cell: (r) => r.value ?? t("common.none") },
            {
              header: t("gaps.attempts"),
              numeric: true,
              id: "attempts",
              cell: (r) => fmt.int(r.attempts),
            },
            { header: t("gaps.rate"), numeric: true, id: "rate", cell: (r) => fmt.pct(r.rate) },
            {
              header: t("gaps.restRate"),
              numeric: true,
              cell: (r) => fmt.pct(r.restRate),
            },
            {
              header: t("gaps.explained"),
              numeric: true,
              cell: (r) => fmt.pct(r.explainedShare, 0),
            },
          ]}
        />
      )}
    </Panel>
  );
}
