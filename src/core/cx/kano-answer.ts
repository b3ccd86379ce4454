/**
 * KANO questionnaire answers (docs/cx.md). Each feature is asked twice: functional ("if the
 * product has it, how do you feel?") and dysfunctional ("if it does not?"), both on the five
 * standard answers of Kano (1984) / Berger et al. (1993). Accepted spellings: the codes 1–5,
 * the English wordings and short forms, and the usual Chinese wordings.
 */
export const KANO_ANSWERS = ["like", "must-be", "neutral", "live-with", "dislike"] as const;
export type KanoAnswer = (typeof KANO_ANSWERS)[number];

const SPELLINGS: Record<KanoAnswer, string[]> = {
  like: [
    "like",
    "i like it",
    "like it",
    "i like it that way",
    "i would like it",
    "i like",
    "delighted",
    "喜欢",
    "我喜欢",
    "很喜欢",
    "非常喜欢",
    "我很喜欢",
  ],
  "must-be": [
    "must be",
    "must-be",
    "mustbe",
    "it must be that way",
    "must be that way",
    "i expect it",
    "expect it",
    "expect",
    "expected",
    "it is basic",
    "理所当然",
    "理应如此",
    "必须的",
    "必须这样",
    "必备",
    "应该的",
    "应该如此",
    "本应如此",
    "期望",
  ],
  neutral: [
    "neutral",
    "i am neutral",
    "i'm neutral",
    "im neutral",
    "i don't care",
    "i do not care",
    "don't care",
    "dont care",
    "no feeling",
    "无所谓",
    "中立",
    "都可以",
    "没感觉",
    "无感",
  ],
  "live-with": [
    "live with",
    "live-with",
    "i can live with it",
    "can live with it",
    "i can live with it that way",
    "i can tolerate it",
    "tolerate",
    "tolerate it",
    "能忍受",
    "可以忍受",
    "能接受",
    "可以接受",
    "勉强接受",
    "勉强可以",
  ],
  dislike: [
    "dislike",
    "i dislike it",
    "dislike it",
    "i dislike it that way",
    "i don't like it",
    "i do not like it",
    "不喜欢",
    "我不喜欢",
    "很不喜欢",
    "讨厌",
    "不能接受",
    "无法接受",
  ],
};

/** Lower case, no spaces, no punctuation (ASCII or full-width), for comparing spellings. */
const squash = (text: string) =>
  text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}]/gu, "")
    .replace(/'/g, "");

const BY_SPELLING = new Map<string, KanoAnswer>(
  KANO_ANSWERS.flatMap((answer) => SPELLINGS[answer].map((s) => [squash(s), answer] as const)),
);

/** The answer a value stands for, or null: a code 1–5, or a known spelling ("1. I like it" too). */
export function kanoAnswerOf(value: string | number): KanoAnswer | null {
  if (typeof value === "number") {
    return Number.isInteger(value) && value >= 1 && value <= 5
      ? (KANO_ANSWERS[value - 1] as KanoAnswer)
      : null;
  }
  const text = value.trim();
  const squashed = squash(text);
  if (/^[1-5]$/.test(squashed)) return KANO_ANSWERS[Number(squashed) - 1] as KanoAnswer;
  const known = BY_SPELLING.get(squashed);
  if (known) return known;
  // "1. I like it", "3 - neutral": a code with its wording; the code and the wording must agree.
  const coded = /^([1-5])\s*[.)、:：-]\s*(.+)$/u.exec(text);
  if (coded) {
    const byCode = KANO_ANSWERS[Number(coded[1]) - 1] as KanoAnswer;
    const byWords = BY_SPELLING.get(squash(coded[2] as string));
    return byWords === undefined || byWords === byCode ? byCode : null;
  }
  return null;
}

export const KANO_ANSWER_HELP =
  "a KANO answer: 1–5, like / must-be / neutral / live-with / dislike, or 喜欢 / 理所当然 / 无所谓 / 能忍受 / 不喜欢";
