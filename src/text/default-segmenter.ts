import serviceLexicon from "../../data/sentiment/zh-service-lexicon.json" with { type: "json" };
import type { Segmenter } from "../core/text/chinese-tokens.ts";
import { jiebaSegmenter } from "./jieba-segmenter.ts";

let segmenter: Segmenter | undefined;

/**
 * The application's Chinese segmenter: jieba, taught the service lexicon's words so
 * that entries such as 闪退 or 用不了 stay whole for the lexicon model. Built once (loading
 * jieba's dictionary takes a moment).
 */
export function defaultSegmenter(): Segmenter {
  segmenter ??= jiebaSegmenter({
    extraWords: [...Object.keys(serviceLexicon.positive), ...Object.keys(serviceLexicon.negative)],
  });
  return segmenter;
}
