import { type FormEvent, useState } from "react";
import { ApiError, request } from "../api/client.ts";
import type { KanoResult } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { hasRole, useAuth } from "../auth/auth.tsx";
import { COLORS, escapeHtml } from "../charts/echarts.ts";
import { Chart } from "../components/chart.tsx";
import { DataTable } from "../components/data-table.tsx";
import { KpiCard, Page, Panel } from "../components/page.tsx";
import { Async, ErrorState, pageState } from "../components/states.tsx";
import { type Filters, filterParams } from "../filters/filters.ts";
import { useI18n } from "../i18n/i18n.tsx";

/** Categories in the order of the API's `categories`, each with its own colour. */
const CATEGORIES = [
  "must-be",
  "one-dimensional",
  "attractive",
  "indifferent",
  "reverse",
  "questionable",
] as const;

/**
 * KANO needs analysis (docs/cx.md): the answers sent as survey events (`GET /api/kano`), or a
 * CSV file of paired answers analysed on the server (`POST /api/kano`, analyst role).
 */
export function KanoPage({ filters }: { filters: Filters }) {
  const { t } = useI18n();
  const { auth } = useAuth();
  const fromEvents = useApi<KanoResult>("/api/kano", filterParams(filters));
  const [file, setFile] = useState<File | null>(null);
  const [uploaded, setUploaded] = useState<{ name: string; result: KanoResult } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const mayRun = auth.state === "signed-in" && hasRole(auth.user, "analyst");

  const analyse = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const csv = await file.text();
      const result = await request<KanoResult>("POST", "/api/kano", { body: { csv } });
      setUploaded({ name: file.name, result });
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "network", String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page
      id="kano"
      title={t("nav.kano")}
      description={t("kano.description")}
      state={pageState(fromEvents)}
    >
      <Panel title={t("kano.fileTitle")}>
        {mayRun ? (
          <form className="inline-form" onSubmit={analyse}>
            <label className="field">
              <span>{t("kano.file")}</span>
              <input
                name="kanoFile"
                type="file"
                accept=".csv,.tsv,.txt,text/csv"
                required
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            </label>
            <button type="submit" className="button" disabled={busy || !file}>
              {busy ? t("kano.analysing") : t("kano.analyse")}
            </button>
          </form>
        ) : (
          <p className="muted">{t("kano.needsAnalyst")}</p>
        )}
        <p className="muted small">{t("kano.fileHint")}</p>
        {error ? <ErrorState error={error} /> : null}
      </Panel>
      {uploaded ? (
        <KanoResultView
          id="file"
          title={t("kano.fromFile", { name: uploaded.name })}
          result={uploaded.result}
        />
      ) : null}
      <Async data={fromEvents} what={t("kano.fromEvents")}>
        {(data) =>
          data.features.length === 0 ? (
            uploaded ? null : (
              <p className="state state-empty" role="status">
                {t("kano.noEvents")}
              </p>
            )
          ) : (
            <KanoResultView id="events" title={t("kano.fromEvents")} result={data} />
          )
        }
      </Async>
    </Page>
  );
}

/** One KANO result: totals, the better/worse chart and the table of features. */
function KanoResultView({ id, title, result }: { id: string; title: string; result: KanoResult }) {
  const { t, fmt } = useI18n();
  const category = (c: string) => t(`kano.cat.${c}` as "kano.cat.attractive");
  const plotted = result.features.filter((f) => f.better !== null && f.worse !== null);
  return (
    <section className="kano-result" data-kano={id} aria-label={title}>
      <h2 className="section-title">{title}</h2>
      <div className="kpi-grid">
        <KpiCard
          id={`${id}-respondents`}
          label={t("kano.respondents")}
          value={fmt.int(result.respondents)}
        />
        <KpiCard id={`${id}-pairs`} label={t("kano.pairs")} value={fmt.int(result.pairs)} />
        <KpiCard
          id={`${id}-features`}
          label={t("kano.features")}
          value={fmt.int(result.features.length)}
        />
        <KpiCard
          id={`${id}-invalid`}
          label={t("kano.invalid")}
          value={fmt.int(result.invalidPairs)}
        />
      </div>
      <div className="grid-2">
        <Panel title={t("kano.chart")}>
          <Chart
            label={t("kano.chartLabel")}
            height={340}
            option={{
              tooltip: {
                formatter: (p: { data: [number, number, string, string] }) =>
                  `${escapeHtml(p.data[2])}: ${category(p.data[3])}<br>${t("kano.better")} ${fmt.num(p.data[1], 2)} · ${t("kano.worse")} −${fmt.num(p.data[0], 2)}`,
              },
              grid: { left: 56, right: 24, top: 16, bottom: 72 },
              xAxis: {
                type: "value",
                min: 0,
                max: 1,
                name: t("kano.axisWorse"),
                nameLocation: "middle",
                nameGap: 28,
              },
              yAxis: {
                type: "value",
                min: 0,
                max: 1,
                name: t("kano.axisBetter"),
                nameLocation: "middle",
                nameGap: 36,
              },
              legend: { bottom: 0, data: CATEGORIES.map(category) },
              series: CATEGORIES.map((c, i) => ({
                name: category(c),
                type: "scatter",
                symbolSize: 12,
                itemStyle: { color: COLORS.series[i] },
                data: plotted
                  .filter((f) => f.category === c)
                  .map((f) => [Math.abs(f.worse as number), f.better, f.feature, f.category]),
                label: {
                  show: true,
                  position: "right",
                  formatter: (p: { data: [number, number, string] }) => p.data[2],
                },
              })),
            }}
          />
        </Panel>
        <Panel title={t("kano.features")}>
          <DataTable
            id={`kano-${id}`}
            caption={title}
            rows={result.features}
            rowKey={(f) => f.feature}
            columns={[
              { header: t("kano.feature"), cell: (f) => f.feature },
              {
                header: t("kano.category"),
                id: "category",
                cell: (f) => (
                  <>
                    {category(f.category)}
                    {f.distinct ? null : (
                      <span className="muted small"> · {t("kano.closeCall")}</span>
                    )}
                  </>
                ),
              },
              {
                header: t("kano.share"),
                numeric: true,
                id: "share",
                cell: (f) => fmt.pct(f.shares[f.category] / 100, 0),
              },
              {
                header: t("kano.better"),
                numeric: true,
                id: "better",
                cell: (f) => fmt.num(f.better, 2),
              },
              {
                header: t("kano.worse"),
                numeric: true,
                id: "worse",
                cell: (f) => fmt.num(f.worse, 2),
              },
              {
                header: t("kano.respondents"),
                numeric: true,
                cell: (f) => fmt.int(f.respondents),
              },
            ]}
          />
        </Panel>
      </div>
    </section>
  );
}
