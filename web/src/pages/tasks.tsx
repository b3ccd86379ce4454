import type { ContinuityResult, TasksResult } from "../api/types.ts";
import { settled, useApi } from "../api/use-api.ts";
import { COLORS } from "../charts/echarts.ts";
import { Chart } from "../components/chart.tsx";
import { DataTable } from "../components/data-table.tsx";
import { KpiCard, Page, Panel } from "../components/page.tsx";
import { Async, Empty, pageState } from "../components/states.tsx";
import { type Filters, filterParams } from "../filters/filters.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { MeasureTable } from "./measure-table.tsx";

type Task = TasksResult["tasks"][number];

/**
 * Tasks by channel (`/api/tasks`) and channel continuity (`/api/continuity`),
 * docs/channel-consistency.md. Continuity is asked once the tasks are in.
 */
export function TasksPage({ filters }: { filters: Filters }) {
  const { t, fmt, label } = useI18n();
  const params = filterParams(filters);
  const tasks = useApi<TasksResult>("/api/tasks", params);
  const continuity = useApi<ContinuityResult>(settled(tasks) ? "/api/continuity" : null, {
    ...params,
    top: 10,
  });
  const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

  return (
    <Page
      id="tasks"
      title={t("nav.tasks")}
      description={t("tasks.description")}
      state={pageState(tasks)}
      complete={settled(continuity)}
    >
      <Async data={tasks} what={t("tasks.title")}>
        {(data) =>
          data.tasks.every((task) => task.attempts === 0) ? (
            <Empty>{t("tasks.empty")}</Empty>
          ) : (
            data.tasks.map((task) => <TaskPanel key={task.task} task={task} />)
          )
        }
      </Async>
      <h2 className="section-title">{t("continuity.title")}</h2>
      <Async data={continuity} what={t("continuity.title")}>
        {(data) => (
          <>
            <p className="muted small">{t("continuity.window", { n: data.windowMinutes })}</p>
            <div className="kpi-grid">
              <KpiCard
                id="continuity-transitions"
                label={t("continuity.transitions")}
                value={fmt.int(data.transitions)}
              />
              <KpiCard
                id="continuity-switches"
                label={t("continuity.switches")}
                value={fmt.int(data.switches)}
              />
              <KpiCard
                id="continuity-switch-rate"
                label={t("continuity.switchRate")}
                value={fmt.pct(data.switchRate)}
              />
              <KpiCard
                id="continuity-profiles"
                label={t("continuity.switchingProfiles")}
                value={fmt.int(data.switchingProfiles)}
              />
            </div>
            <div className="grid-2">
              <Panel title={t("continuity.pairs")}>
                <DataTable
                  id="switch-pairs"
                  caption={t("continuity.pairs")}
                  rows={data.pairs}
                  rowKey={(p) => `${p.from}>${p.to}`}
                  columns={[
                    { header: t("continuity.from"), cell: (p) => label("channel", p.from) },
                    { header: t("continuity.to"), cell: (p) => label("channel", p.to) },
                    {
                      header: t("continuity.switches"),
                      numeric: true,
                      id: "switches",
                      cell: (p) => fmt.int(p.switches),
                    },
                    {
                      header: t("continuity.customers"),
                      numeric: true,
                      id: "profiles",
                      cell: (p) => fmt.int(p.profiles),
                    },
                  ]}
                />
              </Panel>
              <Panel title={t("continuity.byTask")}>
                <MeasureTable
                  id="task-continuity"
                  caption={t("continuity.byTask")}
                  nameHeader={t("kpis.metric")}
                  columns={data.tasks.map((x) => ({ id: x.task, header: x.task }))}
                  rows={[
                    ["attempts", t("tasks.attempts"), data.tasks.map((x) => fmt.int(x.attempts))],
                    [
                      "switched",
                      t("continuity.switched"),
                      data.tasks.map((x) => `${fmt.int(x.switched)} (${fmt.pct(x.switchRate)})`),
                    ],
                    [
                      "restarts",
                      t("continuity.restarts"),
                      data.tasks.map((x) => fmt.int(x.restarts)),
                    ],
                    [
                      "context-lost",
                      t("continuity.contextLost"),
                      data.tasks.map((x) => fmt.pct(x.contextLostRate)),
                    ],
                    [
                      "completed-after",
                      t("continuity.completedAfter"),
                      data.tasks.map((x) => fmt.pct(ratio(x.outcomes.completed, x.switched))),
                    ],
                  ]}
                />
              </Panel>
            </div>
          </>
        )}
      </Async>
    </Page>
  );
}

/** One task: completion by channel as a chart, and a table with the 95% intervals. */
function TaskPanel({ task }: { task: Task }) {
  const { t, fmt, label } = useI18n();
  const channels = task.channels.filter((c) => c.attempts > 0);
  const score = (s: { mean: number; responses: number } | null, digits = 2) =>
    s ? fmt.num(s.mean, digits) : "–";
  return (
    <Panel title={`${task.task} · ${t(`tasks.kind.${task.kind}`)}`}>
      <p className="muted small mono">{task.definition}</p>
      <Chart
        label={t("tasks.chart", { task: task.task })}
        height={Math.max(120, 26 * channels.length + 40)}
        option={{
          tooltip: { trigger: "axis" },
          grid: { left: 96, right: 24, top: 8, bottom: 24 },
          xAxis: {
            type: "value",
            min: 0,
            max: 1,
            axisLabel: { formatter: (v: number) => fmt.pct(v, 0) },
          },
          yAxis: {
            type: "category",
            inverse: true,
            data: channels.map((c) => label("channel", c.channel)),
          },
          series: [
            {
              name: t("tasks.completion"),
              type: "bar",
              data: channels.map((c) => c.completionRate),
              itemStyle: { color: COLORS.primary },
            },
          ],
        }}
      />
      <DataTable
        id={`task-${task.task}`}
        caption={task.task}
        rows={channels}
        rowKey={(c) => c.channel}
        columns={[
          { header: t("col.channel"), cell: (c) => label("channel", c.channel) },
          {
            header: t("tasks.attempts"),
            numeric: true,
            id: "attempts",
            cell: (c) => fmt.int(c.attempts),
          },
          {
            header: t("tasks.completion"),
            numeric: true,
            id: "completion",
            cell: (c) =>
              `${fmt.pct(c.completionRate)}${c.completionInterval ? ` (${fmt.pct(c.completionInterval.low)}–${fmt.pct(c.completionInterval.high)})` : ""}`,
          },
          {
            header: t("tasks.failed"),
            numeric: true,
            id: "failed",
            cell: (c) => fmt.pct(c.failureRate),
          },
          {
            header: t("tasks.abandoned"),
            numeric: true,
            cell: (c) => fmt.pct(c.abandonRate),
          },
          {
            header: t("tasks.medianTime"),
            numeric: true,
            id: "median-time",
            cell: (c) => fmt.duration(c.medianTimeMs),
          },
          { header: t("tasks.ces"), numeric: true, cell: (c) => score(c.ces) },
          { header: t("tasks.csat"), numeric: true, cell: (c) => score(c.csat) },
          { header: t("tasks.sentiment"), numeric: true, cell: (c) => score(c.sentiment) },
        ]}
      />
    </Panel>
  );
}
