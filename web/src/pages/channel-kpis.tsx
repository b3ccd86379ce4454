import type { KpisResult } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { Chart } from "../components/chart.tsx";
import { DataTable } from "../components/data-table.tsx";
import { Page, Panel } from "../components/page.tsx";
import { Async, Empty, pageState } from "../components/states.tsx";
import { type Filters, filterParams } from "../filters/filters.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { MeasureTable, type Stat, statText } from "./measure-table.tsx";

type Digital = NonNullable<KpisResult["web"]>;

/** Channel KPIs (`/api/kpis`, docs/cx.md): web and app, email, chat, call centre, stages. */
export function ChannelKpisPage({ filters }: { filters: Filters }) {
  const { t, fmt, label } = useI18n();
  const kpis = useApi<KpisResult>("/api/kpis", filterParams(filters));
  const rate = (v: number | null) => fmt.pct(v);
  // The chart's axis is in percent; the API's rates are ratios.
  const percent = (v: number | null) => (v === null ? null : Math.round(v * 10_000) / 100);
  const seconds = (s: Stat) => statText(fmt, s, 1000);

  return (
    <Page
      id="kpis"
      title={t("nav.kpis")}
      description={t("kpis.description")}
      state={pageState(kpis)}
    >
      <Async data={kpis} what={t("nav.kpis")}>
        {(data) => {
          if (data.channels.length === 0) return <Empty>{t("kpis.empty")}</Empty>;
          const digital = (["web", "app"] as const).filter((c) => data[c] !== null);
          const dig = (f: (d: Digital, c: "web" | "app") => string) =>
            digital.map((c) => f(data[c] as Digital, c));
          const e = data.email;
          return (
            <>
              <div className="grid-2">
                <Panel title={t("kpis.channels")}>
                  <Chart
                    label={t("kpis.channelsChart")}
                    height={200}
                    option={{
                      tooltip: { trigger: "axis" },
                      grid: { left: 56, right: 16, top: 12, bottom: 28 },
                      xAxis: {
                        type: "category",
                        axisLabel: { interval: 0, fontSize: 10 },
                        data: data.channels.map((c) => label("channel", c.channel)),
                      },
                      yAxis: { type: "value" },
                      series: [
                        {
                          name: t("col.profiles"),
                          type: "bar",
                          data: data.channels.map((c) => c.profiles),
                        },
                      ],
                    }}
                  />
                  <DataTable
                    id="channels"
                    caption={t("kpis.channels")}
                    rows={data.channels}
                    rowKey={(c) => c.channel}
                    columns={[
                      { header: t("col.channel"), cell: (c) => label("channel", c.channel) },
                      {
                        header: t("col.events"),
                        numeric: true,
                        id: "events",
                        cell: (c) => fmt.int(c.events),
                      },
                      {
                        header: t("col.profiles"),
                        numeric: true,
                        id: "profiles",
                        cell: (c) => fmt.int(c.profiles),
                      },
                    ]}
                  />
                </Panel>
                <Panel title={t("kpis.stages")}>
                  <Chart
                    label={t("kpis.stagesChart")}
                    height={200}
                    option={{
                      tooltip: { trigger: "axis" },
                      legend: { bottom: 0 },
                      grid: { left: 48, right: 16, top: 12, bottom: 48 },
                      xAxis: {
                        type: "category",
                        data: data.stages.map((s) => label("stage", s.stage)),
                      },
                      yAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
                      series: [
                        {
                          name: t("kpis.progressed"),
                          type: "bar",
                          stack: "share",
                          data: data.stages.map((s) => percent(s.conversionRate)),
                        },
                        {
                          name: t("kpis.abandonment"),
                          type: "bar",
                          stack: "share",
                          data: data.stages.map((s) => percent(s.abandonmentRate)),
                        },
                      ],
                    }}
                  />
                  <DataTable
                    id="stages"
                    caption={t("kpis.stages")}
                    rows={data.stages}
                    rowKey={(s) => s.stage}
                    columns={[
                      { header: t("col.stage"), cell: (s) => label("stage", s.stage) },
                      {
                        header: t("col.profiles"),
                        numeric: true,
                        id: "profiles",
                        cell: (s) => fmt.int(s.profiles),
                      },
                      {
                        header: t("kpis.progressed"),
                        numeric: true,
                        id: "conversion",
                        cell: (s) => rate(s.conversionRate),
                      },
                      {
                        header: t("kpis.abandonment"),
                        numeric: true,
                        id: "abandonment",
                        cell: (s) => rate(s.abandonmentRate),
                      },
                    ]}
                  />
                </Panel>
              </div>
              <div className="grid-2">
                <Panel title={`${label("channel", "web")} · ${label("channel", "app")}`}>
                  <MeasureTable
                    id="digital"
                    caption={t("kpis.sessions")}
                    nameHeader={t("kpis.metric")}
                    columns={digital.map((c) => ({ id: c, header: label("channel", c) }))}
                    rows={[
                      ["sessions", t("kpis.sessions"), dig((d) => fmt.int(d.sessions))],
                      ["users", t("kpis.activeUsers"), dig((d) => fmt.int(d.activeUsers))],
                      ["dau", t("kpis.dau"), dig((d) => fmt.num(d.dailyActiveUsersAvg, 1))],
                      ["bounce", t("kpis.bounceRate"), dig((d) => rate(d.bounceRate))],
                      ["conversion", t("kpis.conversionRate"), dig((d) => rate(d.conversionRate))],
                      ["length", t("kpis.sessionLength"), dig((d) => seconds(d.sessionSeconds))],
                      [
                        "view",
                        t("kpis.timeOnView"),
                        dig((d) => fmt.duration(ms(d.timeOnViewSeconds.median))),
                      ],
                      [
                        "load",
                        t("kpis.loadTime"),
                        dig((d) =>
                          d.loadTimeMs ? fmt.duration(d.loadTimeMs.median) : t("kpis.notSent"),
                        ),
                      ],
                      [
                        "crash",
                        t("kpis.crashFree"),
                        dig((d) =>
                          d.crashFreeSessionRate === null
                            ? t("kpis.notSent")
                            : rate(d.crashFreeSessionRate),
                        ),
                      ],
                    ]}
                  />
                </Panel>
                <Panel title={t("kpis.email")}>
                  <MeasureTable
                    id="email"
                    caption={t("kpis.email")}
                    nameHeader={t("kpis.metric")}
                    columns={[{ id: "value", header: t("gaps.value") }]}
                    rows={[
                      ...(
                        [
                          "sent",
                          "delivered",
                          "bounced",
                          "opened",
                          "clicked",
                          "unsubscribed",
                        ] as const
                      ).map((k): [string, string, string[]] => [
                        k,
                        t(`kpis.email.${k}`),
                        [fmt.int(e.counts[k])],
                      ]),
                      ["deliveryRate", t("kpis.deliveryRate"), [rate(e.deliveryRate)]],
                      ["bounceRate", t("kpis.emailBounceRate"), [rate(e.bounceRate)]],
                      ["openRate", t("kpis.openRate"), [rate(e.openRate)]],
                      ["ctr", t("kpis.ctr"), [rate(e.clickThroughRate)]],
                      ["ctor", t("kpis.ctor"), [rate(e.clickToOpenRate)]],
                      ["unsubscribeRate", t("kpis.unsubscribeRate"), [rate(e.unsubscribeRate)]],
                    ]}
                  />
                </Panel>
              </div>
              <div className="grid-2">
                <Panel title={t("kpis.chat")}>
                  <MeasureTable
                    id="chat"
                    caption={t("kpis.chat")}
                    nameHeader={t("kpis.metric")}
                    columns={[{ id: "value", header: t("gaps.value") }]}
                    rows={[
                      ["chats", t("kpis.chats"), [fmt.int(data.chat.chats)]],
                      ["resolved", t("kpis.resolved"), [fmt.int(data.chat.resolved)]],
                      ["resolution", t("kpis.resolutionRate"), [rate(data.chat.resolutionRate)]],
                      [
                        "response",
                        t("kpis.firstResponse"),
                        [seconds(data.chat.firstResponseSeconds)],
                      ],
                    ]}
                  />
                </Panel>
                <Panel title={t("kpis.callCenter")}>
                  <MeasureTable
                    id="call-center"
                    caption={t("kpis.callCenter")}
                    nameHeader={t("kpis.metric")}
                    columns={[{ id: "value", header: t("gaps.value") }]}
                    rows={[
                      ["calls", t("kpis.calls"), [fmt.int(data.callCenter.calls)]],
                      [
                        "resolution",
                        t("kpis.resolutionRate"),
                        [rate(data.callCenter.resolutionRate)],
                      ],
                      [
                        "handle",
                        t("kpis.handleTime"),
                        [seconds(data.callCenter.handleTimeSeconds)],
                      ],
                      ["wait", t("kpis.wait"), [seconds(data.callCenter.waitSeconds)]],
                    ]}
                  />
                </Panel>
              </div>
              {data.processes.length > 0 ? (
                <Panel title={t("kpis.processes")}>
                  <DataTable
                    id="processes"
                    caption={t("kpis.processes")}
                    rows={data.processes}
                    rowKey={(p) => p.name}
                    columns={[
                      { header: t("kpis.process"), cell: (p) => p.name },
                      { header: t("tasks.definition"), cell: (p) => `${p.start} → ${p.complete}` },
                      {
                        header: t("kpis.window"),
                        cell: (p) => fmt.duration(p.windowMinutes * 60_000),
                      },
                      {
                        header: t("kpis.started"),
                        numeric: true,
                        id: "started",
                        cell: (p) => fmt.int(p.started),
                      },
                      {
                        header: t("kpis.completed"),
                        numeric: true,
                        id: "completed",
                        cell: (p) => fmt.int(p.completed),
                      },
                      {
                        header: t("kpis.conversion"),
                        numeric: true,
                        id: "conversion",
                        cell: (p) => rate(p.conversionRate),
                      },
                      {
                        header: t("kpis.medianToComplete"),
                        numeric: true,
                        cell: (p) => fmt.duration(ms(p.medianMinutesToComplete, 60_000)),
                      },
                    ]}
                  />
                </Panel>
              ) : null}
              {data.notes.length > 0 ? (
                <Panel title={t("kpis.notes")}>
                  <ul className="notes" data-testid="kpi-notes">
                    {data.notes.map((n) => (
                      <li key={`${n.code}:${n.channel}`} data-note={n.code}>
                        {t(`kpis.note.${n.code}`, { channel: label("channel", n.channel) })}
                      </li>
                    ))}
                  </ul>
                </Panel>
              ) : null}
            </>
          );
        }}
      </Async>
    </Page>
  );
}

/** A value in seconds (or another unit) as milliseconds; null stays null. */
const ms = (v: number | null, unit = 1000) => (v === null ? null : v * unit);
