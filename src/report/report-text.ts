interface GapHeadline {
  task: string;
  channel: string;
  metric: string;
  value: string;
  best: string;
  bestChannel: string;
  cause?: string;
}

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
  voiceTitle: "What customers say",
  voiceSummary: (texts: string, index: string, channel: string, worst: string) =>
    `${texts} comments scored; emotion index ${index} (−100…100). Lowest on ${channel}: ${worst}.`,
  channel: "Channel",
  texts: "Comments",
  emotionIndex: "Emotion index",
  interval: "95% interval",
  negativeShare: "Negative",
  keywords: "Words in negative comments",
  smallSample: (n: number) =>
    `Channels with fewer than ${n} comments are shown but not named in the summary: their interval is wide.`,
  interval95: (low: string, high: string, n: string) =>
    `95% interval ${low} … ${high} · ${n} answers`,
  answers: (n: string) => `${n} answers`,
  cxIndex: "CX index",
  cxIndexNote: "0–100, Σ stage weight × stage score",
  cxStagesTitle: "Experience by journey stage",
  cxStagesSummary: (stage: string, score: string) =>
    `The weakest stage is ${stage} (score ${score} of 100, from its surveys, completion, failures and sentiment).`,
  stageScore: "Stage score",
  answersColumn: "Survey answers",
  configuredWeight: "Configured weight",
  derivedWeight: "Key-driver weight",
  npsChannelsTitle: "NPS by channel",
  npsChannelsSummary: (channel: string, nps: string) => `NPS is lowest on ${channel}: ${nps}.`,
  versusRest: "Against the other channels",
  significantDiff: (d: string) => `${d} points (significant)`,
  notSignificant: "not significant",
  lowSampleNote: (n: string) =>
    `* fewer than ${n} answers: read with care. Differences tested against all other channels, Benjamini–Hochberg corrected.`,
  breakpointsTitle: "Journeys that lead customers away",
  breakpointHeadline: (label: string, bad: string, others: string, lift: string) =>
    `${bad} of customers with the bad outcome went through ${label}, against ${others} of the others (lift ${lift}).`,
  breakpointsNone: (tested: string) =>
    `None of the ${tested} step sequences tested is significantly more common before the bad outcome.`,
  breakpointsNote: (bad: string, profiles: string, tested: string) =>
    `${bad} of ${profiles} customers had the bad outcome (churn as configured); ${tested} sequences tested, Benjamini–Hochberg q < 0.05; overlapping sequences folded.`,
  sequence: "Sequence (channel:step)",
  badShare: "Of bad outcome",
  otherShare: "Of others",
  lift: "Lift",
  affected: "Customers affected",
  heatmapTitle: "Pain points by stage and channel",
  heatmapHeadline: (stage: string, channel: string, score: string) =>
    `The most friction is in ${stage} on ${channel} (score ${score} of 100).`,
  frictionScore: "Friction score",
  topStep: "Main contributor",
  gapsTitle: "Where a channel falls behind",
  gapsNone: "No channel differs significantly from the best channel on any configured task.",
  gapsNote: (significant: number, compared: number) =>
    `${significant} of ${compared} channel comparisons are significant (both the test across channels and the one against the best channel, Benjamini–Hochberg q < α).`,
  gapHeadline: (g: GapHeadline) =>
    `Biggest gap: ${g.task} on ${g.channel}, ${g.metric} ${g.value} against ${g.best} on ${g.bestChannel}${g.cause ? `; root cause ${g.cause}` : ""}.`,
  rootCauseText: (what: string, rate: string, rest: string, others: string) =>
    `${what}: ${rate} vs ${rest} on ${others}`,
  metricNames: {} as Record<string, string>,
  task: "Task",
  metric: "Metric",
  value: "Value",
  bestChannel: "Best channel",
  q: "q",
  rootCause: "Root cause",
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
  voiceTitle: "客户怎么说",
  voiceSummary: (texts, index, channel, worst) =>
    `共评分 ${texts} 条评论，情绪指数 ${index}（−100…100）。最低的渠道是 ${channel}：${worst}。`,
  channel: "渠道",
  texts: "评论数",
  emotionIndex: "情绪指数",
  interval: "95% 区间",
  negativeShare: "负面占比",
  keywords: "负面评论中的词",
  smallSample: (n) => `评论少于 ${n} 条的渠道仍会列出，但不在摘要中点名：其区间过宽。`,
  interval95: (low, high, n) => `95% 置信区间 ${low} … ${high} · ${n} 份回答`,
  answers: (n) => `${n} 份回答`,
  cxIndex: "客户体验指数",
  cxIndexNote: "0–100，Σ 阶段权重 × 阶段得分",
  cxStagesTitle: "各旅程阶段的体验",
  cxStagesSummary: (stage, score) =>
    `最弱的阶段是「${stage}」（得分 ${score}/100，综合调研、完成率、失败与情绪）。`,
  stageScore: "阶段得分",
  answersColumn: "调研回答",
  configuredWeight: "配置权重",
  derivedWeight: "关键驱动权重",
  npsChannelsTitle: "各渠道 NPS",
  npsChannelsSummary: (channel, nps) => `NPS 最低的渠道是 ${channel}：${nps}。`,
  versusRest: "与其他渠道相比",
  significantDiff: (d) => `${d} 分（显著）`,
  notSignificant: "不显著",
  lowSampleNote: (n) =>
    `* 回答少于 ${n} 份，请谨慎解读。与其他所有渠道比较，经 Benjamini–Hochberg 校正。`,
  breakpointsTitle: "让客户流失的旅程",
  breakpointHeadline: (label, bad, others, lift) =>
    `${bad} 的不良结果客户经历了 ${label}，其他客户中仅 ${others}（提升度 ${lift}）。`,
  breakpointsNone: (tested) => `在检验的 ${tested} 个步骤序列中，没有一个在不良结果前显著更常见。`,
  breakpointsNote: (bad, profiles, tested) =>
    `${profiles} 位客户中有 ${bad} 位出现不良结果（按配置的流失定义）；检验 ${tested} 个序列，Benjamini–Hochberg q < 0.05；重叠序列已合并。`,
  sequence: "序列（渠道:步骤）",
  badShare: "不良结果客户占比",
  otherShare: "其他客户占比",
  lift: "提升度",
  affected: "受影响客户",
  heatmapTitle: "各阶段与渠道的痛点",
  heatmapHeadline: (stage, channel, score) =>
    `摩擦最大的是「${stage}」阶段的 ${channel} 渠道（得分 ${score}/100）。`,
  frictionScore: "摩擦得分",
  topStep: "主要来源",
  gapsTitle: "哪个渠道落后",
  gapsNone: "在任何已配置的任务上，没有渠道与最佳渠道存在显著差异。",
  gapsNote: (significant, compared) =>
    `${compared} 个渠道比较中有 ${significant} 个显著（跨渠道检验与对最佳渠道的检验均满足 Benjamini–Hochberg q < α）。`,
  gapHeadline: (g) =>
    `最大差距：${g.task} 在 ${g.channel} 渠道，${g.metric} 为 ${g.value}，而 ${g.bestChannel} 为 ${g.best}${g.cause ? `；根因 ${g.cause}` : ""}。`,
  rootCauseText: (what, rate, rest) => `${what}：${rate}，其余为 ${rest}`,
  metricNames: {
    completion: "完成率",
    failure: "失败率",
    time: "耗时",
    csat: "CSAT",
    ces: "CES",
    content: "内容问题",
  },
  task: "任务",
  metric: "指标",
  value: "数值",
  bestChannel: "最佳渠道",
  q: "q",
  rootCause: "根因",
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
