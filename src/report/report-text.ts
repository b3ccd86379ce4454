/** The report's words in English and Simplified Chinese; same keys, checked by the type. */
const EN = {
  title: "Customer journey report",
  subtitle: (range: string, generated: string) => `Data ${range} · generated ${generated}`,
  events: "Events",
  profiles: "Customers",
  channels: "Channels",
  noData: "There are no events in this range yet.",
  stagesTitle: "How far customers get",
  stagesSummary: (top: string, share: string) =>
    `Most customers stop at the ${top} stage (${share} of them get no further).`,
  stage: "Stage",
  reached: "Reached",
  furthest: "Furthest stage",
  transitionsTitle: "The most travelled steps",
  transitionsSummary: (from: string, to: string, count: string) =>
    `The most frequent step is ${from} → ${to} (${count} times).`,
  from: "From",
  to: "To",
  times: "Times",
  customers: "Customers",
  medianTime: "Median time",
  /** Names of the default stages (configured names are shown as they are). */
  stageNames: {} as Record<string, string>,
  footer: (version: string) =>
    `journeylens ${version}. Every figure is computed from the event store by the same code as the API and the CLI.`,
};

type Text = typeof EN;

const ZH: Text = {
  title: "客户旅程报告",
  subtitle: (range, generated) => `数据范围 ${range} · 生成于 ${generated}`,
  events: "事件",
  profiles: "客户",
  channels: "渠道",
  noData: "此时间范围内还没有事件。",
  stagesTitle: "客户走到哪一步",
  stagesSummary: (top, share) => `最多客户停留在「${top}」阶段（${share} 的客户未再前进）。`,
  stage: "阶段",
  reached: "到达",
  furthest: "最远阶段",
  transitionsTitle: "最常走的步骤",
  transitionsSummary: (from, to, count) => `最常见的步骤是 ${from} → ${to}（${count} 次）。`,
  from: "从",
  to: "到",
  times: "次数",
  customers: "客户数",
  medianTime: "中位耗时",
  stageNames: {
    awareness: "认知",
    consideration: "考虑",
    purchase: "购买",
    service: "服务",
    loyalty: "忠诚",
  },
  footer: (version) =>
    `journeylens ${version}。所有数字均由与 API 和命令行相同的代码从事件库计算得出。`,
};

export type ReportLang = "en" | "zh";
export type ReportText = Text;

export const reportText = (lang: ReportLang): Text => (lang === "zh" ? ZH : EN);

/** Locale-aware number, percentage, duration and date formatting for the report. */
export function formatters(lang: ReportLang) {
  const locale = lang === "zh" ? "zh-CN" : "en-US";
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  return {
    int: (n: number) => integer.format(n),
    dec: (n: number) => decimal.format(n),
    pct: (share: number) => percent.format(share),
    date: (d: Date) => day.format(d),
    duration: (ms: number | null) => {
      if (ms === null) return "–";
      const minutes = ms / 60_000;
      if (minutes < 1) return `${decimal.format(ms / 1000)} s`;
      if (minutes < 120) return `${decimal.format(minutes)} min`;
      const hours = minutes / 60;
      return hours < 48 ? `${decimal.format(hours)} h` : `${decimal.format(hours / 24)} d`;
    },
  };
}
