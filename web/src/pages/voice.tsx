import type { FeedbackResult } from "../api/types.ts";
import { useApi } from "../api/use-api.ts";
import { COLORS } from "../charts/echarts.ts";
import { Chart } from "../components/chart.tsx";
import { DataTable } from "../components/data-table.tsx";
import { KpiCard, Page, Panel } from "../components/page.tsx";
import { SelectField } from "../components/select-field.tsx";
import { Async, Empty, pageState } from "../components/states.tsx";
import { type Filters, filterParams } from "../filters/filters.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { useQueryParam } from "../router/use-query-param.ts";

type Group = "touchpoint" | "channel" | "stage";

/** Voice of the customer: sentiment (emotion index) by touchpoint, channel or stage; keywords. */
export function VoicePage({ filters }: { filters: Filters }) {
  const { t, fmt, label } = useI18n();
  const [group, setGroup] = useQueryParam<Group>("group", "touchpoint");
  // Only what the page shows: the 50 latest texts, and one term (the word cloud is not drawn).
  const feedback = useApi<FeedbackResult>("/api/feedback", {
    ...filterParams(filters),
    texts: 50,
    terms: 1,
  });
  const name = (key: string) =>
    group === "channel" ? label("channel", key) : group === "stage" ? label("stage", key) : key;

  return (
    <Page
      id="voice"
      title={t("nav.voice")}
      description={t("voice.description")}
      state={pageState(feedback)}
      controls={
        <SelectField<Group>
          name="group"
          label={t("voice.group")}
          value={group}
          onChange={setGroup}
          options={(["touchpoint", "channel", "stage"] as const).map((g) => ({
            value: g,
            label: t(`voice.by.${g}`),
          }))}
        />
      }
    >
      <Async data={feedback} what={t("nav.voice")}>
        {(data) => {
          if (data.summary.texts === 0) return <Empty>{t("voice.empty")}</Empty>;
          const s = data.summary;
          const share = (n: number) => (s.scored > 0 ? n / s.scored : null);
          const rows = data.emotionIndex[group];
          return (
            <>
              <div className="kpi-grid">
                <KpiCard id="voice-texts" label={t("voice.texts")} value={fmt.int(s.texts)} />
                <KpiCard
                  id="voice-index"
                  label={t("voice.emotionIndex")}
                  value={fmt.num(s.emotionIndex.index, 1)}
                  detail={t("voice.indexDetail")}
                />
                <KpiCard
                  id="voice-positive"
                  label={t("voice.positive")}
                  value={fmt.pct(share(s.labels.positive))}
                />
                <KpiCard
                  id="voice-neutral"
                  label={t("voice.neutral")}
                  value={fmt.pct(share(s.labels.neutral))}
                />
                <KpiCard
                  id="voice-negative"
                  label={t("voice.negative")}
                  value={fmt.pct(share(s.labels.negative))}
                />
              </div>
              <div className="grid-2">
                <Panel title={t("voice.byGroup", { group: t(`voice.by.${group}`) })}>
                  <Chart
                    label={t("voice.chartLabel")}
                    height={Math.max(180, 28 * rows.length + 40)}
                    option={{
                      tooltip: { trigger: "axis" },
                      grid: { left: 130, right: 24, top: 8, bottom: 24 },
                      xAxis: { type: "value", min: -100, max: 100 },
                      yAxis: {
                        type: "category",
                        inverse: true,
                        data: rows.map((r) => name(r.key)),
                      },
                      series: [
                        {
                          name: t("voice.emotionIndex"),
                          type: "bar",
                          data: rows.map((r) => ({
                            value: r.index,
                            itemStyle: { color: r.index < 0 ? COLORS.warning : COLORS.good },
                          })),
                        },
                      ],
                    }}
                  />
                  <DataTable
                    id="emotion"
                    caption={t("voice.byGroup", { group: t(`voice.by.${group}`) })}
                    rows={rows}
                    rowKey={(r) => r.key}
                    columns={[
                      { header: t(`voice.by.${group}`), cell: (r) => name(r.key) },
                      {
                        header: t("voice.texts"),
                        numeric: true,
                        id: "n",
                        cell: (r) => fmt.int(r.n),
                      },
                      {
                        header: t("voice.emotionIndex"),
                        numeric: true,
                        id: "index",
                        cell: (r) => fmt.num(r.index, 1),
                      },
                      {
                        header: t("voice.interval"),
                        numeric: true,
                        cell: (r) =>
                          r.low === null || r.high === null
                            ? "–"
                            : `${fmt.num(r.low, 1)} … ${fmt.num(r.high, 1)}`,
                      },
                      {
                        header: t("voice.negative"),
                        numeric: true,
                        cell: (r) => fmt.int(r.negative),
                      },
                    ]}
                  />
                </Panel>
                <Panel title={t("voice.keywords")}>
                  {(["negative", "positive"] as const).map((l) => (
                    <div key={l} className="keywords-block">
                      <h3>{t(`voice.keywords.${l}`)}</h3>
                      <KeywordCloud words={data.keywordsByLabel[l]} tone={l} />
                    </div>
                  ))}
                </Panel>
              </div>
              <Panel title={t("voice.latest")}>
                <DataTable
                  id="texts"
                  caption={t("voice.latest")}
                  maxHeight={360}
                  rows={data.texts.slice(0, 50)}
                  rowKey={(x) => x.messageId}
                  columns={[
                    { header: t("customers.when"), cell: (x) => fmt.dateTime(x.timestamp) },
                    { header: t("col.channel"), cell: (x) => label("channel", x.channel) },
                    { header: t("voice.by.touchpoint"), cell: (x) => x.touchpoint },
                    {
                      header: t("voice.label"),
                      cell: (x) => (x.label ? t(`voice.${x.label}`) : "–"),
                    },
                    {
                      header: t("voice.text"),
                      cell: (x) => <span lang={x.language}>{x.text}</span>,
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

/** Keywords sized by weight (a keyword cloud as text, readable by screen readers). */
function KeywordCloud({
  words,
  tone,
}: {
  words: FeedbackResult["keywords"];
  tone: "positive" | "negative";
}) {
  const max = Math.max(1, ...words.map((w) => w.weight));
  return (
    <ul className={`keywords ${tone}`}>
      {words.slice(0, 24).map((w) => (
        <li
          key={w.term}
          style={{ fontSize: `${0.8 + 0.8 * (w.weight / max)}rem` }}
          title={String(w.documents)}
        >
          {w.term}
        </li>
      ))}
    </ul>
  );
}
