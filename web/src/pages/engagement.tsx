import { type FormEvent, useEffect, useState } from "react";
import type { EngagementResult } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { Chart } from "../components/chart.tsx";
import { DataTable } from "../components/data-table.tsx";
import { KpiCard, Page, Panel } from "../components/page.tsx";
import { Async, Empty, pageState } from "../components/states.tsx";
import { type Filters, filterParams } from "../filters/filters.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { useQueryParam } from "../router/use-query-param.ts";

const PARTS = ["frequency", "diversity", "depth"] as const;

/** Engagement score (`/api/engagement`, docs/cx.md): distribution, parts, by a trait, top. */
export function EngagementPage({ filters }: { filters: Filters }) {
  const { t, fmt } = useI18n();
  const [trait, setTrait] = useQueryParam("trait", "segment");
  const [draft, setDraft] = useState(trait);
  useEffect(() => setDraft(trait), [trait]);
  const engagement = useApi<EngagementResult>("/api/engagement", {
    ...filterParams(filters),
    by: trait ? `trait:${trait}` : undefined,
    limit: 10,
  });
  const apply = (event: FormEvent) => {
    event.preventDefault();
    setTrait(draft.trim());
  };

  return (
    <Page
      id="engagement"
      title={t("nav.engagement")}
      description={t("engagement.description")}
      state={pageState(engagement)}
      controls={
        <form className="inline-form" onSubmit={apply}>
          <label className="field">
            <span>{t("engagement.trait")}</span>
            <input name="byTrait" value={draft} onChange={(e) => setDraft(e.target.value)} />
          </label>
          <button type="submit" className="button">
            {t("action.apply")}
          </button>
        </form>
      }
    >
      <Async data={engagement} what={t("nav.engagement")}>
        {(data) => {
          if (data.profiles === 0) return <Empty>{t("engagement.empty")}</Empty>;
          const d = data.distribution;
          const groups = data.breakdowns[0]?.groups ?? [];
          const value = (v: string | null) => v ?? t("engagement.noValue");
          // The 95th-percentile caps that count as fully engaged on each part.
          const c = data.caps;
          const cap = (p: (typeof PARTS)[number]) =>
            p === "frequency"
              ? t("engagement.capDays", { n: fmt.num(c.activeDays, 1) })
              : p === "diversity"
                ? t("engagement.capDiversity", {
                    channels: fmt.num(c.channels, 1),
                    types: fmt.num(c.interactionTypes, 1),
                  })
                : fmt.pct(c.collaborativeShare);
          return (
            <>
              <div className="kpi-grid">
                <KpiCard
                  id="engagement-profiles"
                  label={t("engagement.profiles")}
                  value={fmt.int(data.profiles)}
                />
                <KpiCard
                  id="engagement-mean"
                  label={t("engagement.mean")}
                  value={fmt.num(d.mean, 1)}
                />
                <KpiCard
                  id="engagement-median"
                  label={t("engagement.median")}
                  value={fmt.num(d.median, 1)}
                  detail={t("engagement.p25p75", {
                    low: fmt.num(d.p25, 1),
                    high: fmt.num(d.p75, 1),
                  })}
                />
                <KpiCard
                  id="engagement-p90"
                  label={t("engagement.p90")}
                  value={fmt.num(d.p90, 1)}
                />
              </div>
              <div className="grid-2">
                <Panel title={t("engagement.distribution")}>
                  <Chart
                    label={t("engagement.distributionChart")}
                    height={240}
                    option={{
                      tooltip: { trigger: "axis" },
                      grid: { left: 48, right: 16, top: 12, bottom: 32 },
                      xAxis: {
                        type: "category",
                        name: t("engagement.band"),
                        nameLocation: "middle",
                        nameGap: 24,
                        data: d.histogram.map((b) => `${b.from}–${b.to}`),
                      },
                      yAxis: { type: "value" },
                      series: [
                        {
                          name: t("col.profiles"),
                          type: "bar",
                          data: d.histogram.map((b) => b.profiles),
                        },
                      ],
                    }}
                  />
                  <DataTable
                    id="histogram"
                    caption={t("engagement.distribution")}
                    rows={d.histogram}
                    rowKey={(b) => String(b.from)}
                    columns={[
                      { header: t("engagement.band"), cell: (b) => `${b.from}–${b.to}` },
                      {
                        header: t("col.profiles"),
                        numeric: true,
                        id: "profiles",
                        cell: (b) => fmt.int(b.profiles),
                      },
                    ]}
                  />
                </Panel>
                <Panel title={t("engagement.parts")}>
                  <DataTable
                    id="parts"
                    caption={t("engagement.parts")}
                    rows={PARTS}
                    rowKey={(p) => p}
                    columns={[
                      { header: t("engagement.part"), cell: (p) => t(`engagement.part.${p}`) },
                      {
                        header: t("engagement.weight"),
                        numeric: true,
                        cell: (p) => fmt.num(data.weights[p], 2),
                      },
                      {
                        header: t("gaps.value"),
                        numeric: true,
                        id: "mean",
                        cell: (p) => fmt.num(data.parts[p], 3),
                      },
                      { header: t("engagement.capOf"), cell: (p) => cap(p) },
                    ]}
                  />
                  <p className="muted small formula">{data.formula}</p>
                  {groups.length > 0 ? (
                    <>
                      <h3 className="subheading">{t("engagement.byTrait", { trait })}</h3>
                      <Chart
                        label={t("engagement.byTraitChart")}
                        height={Math.max(140, 28 * groups.length + 40)}
                        option={{
                          tooltip: { trigger: "axis" },
                          grid: { left: 120, right: 24, top: 8, bottom: 24 },
                          xAxis: { type: "value", max: 100 },
                          yAxis: {
                            type: "category",
                            inverse: true,
                            data: groups.map((g) => value(g.value)),
                          },
                          series: [
                            {
                              name: t("engagement.meanScore"),
                              type: "bar",
                              data: groups.map((g) => g.meanScore),
                            },
                          ],
                        }}
                      />
                      <DataTable
                        id="by-trait"
                        caption={t("engagement.byTrait", { trait })}
                        rows={groups}
                        rowKey={(g) => g.value ?? "\u0000"}
                        columns={[
                          { header: t("engagement.value"), cell: (g) => value(g.value) },
                          {
                            header: t("col.profiles"),
                            numeric: true,
                            id: "profiles",
                            cell: (g) => fmt.int(g.profiles),
                          },
                          {
                            header: t("engagement.meanScore"),
                            numeric: true,
                            id: "mean",
                            cell: (g) => fmt.num(g.meanScore, 1),
                          },
                          {
                            header: t("engagement.medianScore"),
                            numeric: true,
                            cell: (g) => fmt.num(g.medianScore, 1),
                          },
                        ]}
                      />
                    </>
                  ) : null}
                </Panel>
              </div>
              <Panel title={t("engagement.top")}>
                <DataTable
                  id="top"
                  caption={t("engagement.top")}
                  rows={data.top}
                  rowKey={(p) => p.profileId}
                  columns={[
                    {
                      header: t("engagement.profile"),
                      cell: (p) => <span className="mono small">{p.profileId}</span>,
                    },
                    {
                      header: t("engagement.activeDays"),
                      numeric: true,
                      cell: (p) => fmt.int(p.activeDays),
                    },
                    {
                      header: t("engagement.channels"),
                      numeric: true,
                      cell: (p) => fmt.int(p.channels),
                    },
                    {
                      header: t("engagement.types"),
                      numeric: true,
                      cell: (p) => fmt.int(p.interactionTypes),
                    },
                    {
                      header: t("engagement.collaborative"),
                      numeric: true,
                      cell: (p) => fmt.int(p.collaborative),
                    },
                    {
                      header: t("engagement.score"),
                      numeric: true,
                      id: "score",
                      cell: (p) => fmt.num(p.score, 1),
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
