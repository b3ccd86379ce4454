import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import type { Segmenter } from "../core/text/chinese-tokens.ts";

/**
 * Frequency given to extra words: high enough that jieba keeps them whole (a typical common
 * word in its dictionary has a few thousand), so lexicon entries such as 闪退 or 用不了 come
 * back as one token.
 */
const EXTRA_WORD_FREQUENCY = 20_000;

/** A jieba segmenter (HMM on for unknown words) with its default dictionary plus `extraWords`. */
export function jiebaSegmenter(options: { extraWords?: Iterable<string> } = {}): Segmenter {
  const jieba = Jieba.withDict(dict);
  const lines = [...(options.extraWords ?? [])]
    .filter((w) => w.length > 1 && !/\s/.test(w))
    .map((w) => `${w} ${EXTRA_WORD_FREQUENCY} n`);
  if (lines.length > 0) jieba.loadDict(Buffer.from(`${lines.join("\n")}\n`));
  return (text) => jieba.cut(text, true);
}
