import { FeedbackSpecSchema } from "../../core/text/feedback-spec.ts";
import { getFeedback } from "../../feedback/feedback.ts";
import type { SectionContext } from "../report-builder.ts";
import { barChart } from "../report-charts.ts";
import type { ReportSection } from "../report-document.ts";

const MIN_TEXTS = 20;

/** What customers say: emotion index by channel, lowest first, and the top keywords. */
export async function voiceSection(c: SectionContext): Promise<ReportSection[]> {
  const result = await getFeedback(c.store, FeedbackSpecSchema.parse({ ...c.filters, texts: 0 }), {
    feedback: c.config.feedback,
    stages: c.config.journeys,
  });
  if (result.summary.scored === 0) return [];
  const byChannel = [...result.emotionIndex.channel].sort((a, b) => a.index - b.index);
  // The headline names the lowest channel with enough comments to say so.
  const worst = byChannel.find((e) => e.n >= MIN_TEXTS) ?? byChannel[0];
  const t = c.text;
  return [
    {
      id: "voice",
      title: t.voiceTitle,
      summary: t.voiceSummary(
        c.fmt.int(result.summary.scored),
        c.fmt.dec(result.summary.emotionIndex.index),
        worst?.key ?? "–",
        c.fmt.dec(worst?.index ?? 0),
      ),
      chart: barChart({
        labels: byChannel.map((e) => e.key),
        values: byChannel.map((e) => e.index),
        format: c.fmt.dec,
        color: "#7a5bd6",
      }),
      table: {
        columns: [t.channel, t.texts, t.emotionIndex, t.interval, t.negativeShare],
        rows: byChannel.map((e) => [
          e.key,
          c.fmt.int(e.n),
          c.fmt.dec(e.index),
          e.low === null || e.high === null ? "–" : `${c.fmt.dec(e.low)} … ${c.fmt.dec(e.high)}`,
          c.fmt.pct(e.n > 0 ? e.negative / e.n : 0),
        ]),
      },
      notes: [
        t.smallSample(MIN_TEXTS),
        `${t.keywords}: ${result.keywordsByLabel.negative
          .slice(0, 12)
          .map((k) => k.term)
          .join(" · ")}`,
      ],
    },
  ];
}
