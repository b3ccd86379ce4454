import type { SentimentByStage } from "../core/cx/cx-index.ts";
import { scoreSentiment } from "../core/text/sentiment.ts";
import { defaultSegmenter } from "../text/default-segmenter.ts";
import type { FeedbackTextOptions } from "./cx-sql.ts";

/**
 * Mean sentiment of each stage's feedback text (the `text` rows of `cxSql`, newest first, at
 * most `limit` + 1: the extra row says the read was cut), scored by the feedback sentiment
 * models (docs/feedback.md; English and Chinese, other languages left out).
 */
export function stageSentiment(
  texts: readonly { stage: number; text: string }[],
  options: FeedbackTextOptions,
): SentimentByStage {
  const sums = new Map<number, { sum: number; n: number }>();
  const segmenter = defaultSegmenter();
  let scored = 0;
  for (const { stage, text } of texts.slice(0, options.limit)) {
    const { score } = scoreSentiment(text, { segmenter });
    if (score === null) continue;
    const s = sums.get(stage) ?? { sum: 0, n: 0 };
    s.sum += score;
    s.n++;
    sums.set(stage, s);
    scored++;
  }
  const cut = texts.length > options.limit ? ` (the newest ${options.limit} texts only)` : "";
  return {
    byStage: new Map([...sums].map(([stage, s]) => [stage, { mean: s.sum / s.n, n: s.n }])),
    note: `mean sentiment of ${scored} feedback texts (${options.fields.join(", ")}) by the feedback sentiment models, rescaled to 0–100${cut}`,
  };
}
