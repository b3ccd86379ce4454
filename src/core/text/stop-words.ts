/**
 * Stop words left out of keywords and term frequencies (never out of sentiment features, where
 * "not" and 不 matter). English: the Snowball English stop-word list (as in NLTK's `stopwords`
 * corpus, BSD), plus a few review fillers. Chinese: pronouns, particles, conjunctions,
 * prepositions and measure words common to the widely used Chinese stop-word lists (e.g. the
 * STOPWORDS list shipped in the npm package @cycjimmy/chinese-sentiment, MIT), cut to the
 * function words: content words such as 问题 stay, they are what a keyword cloud is for.
 */

export const ENGLISH_STOP_WORDS = new Set(
  `i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
  her hers herself it its itself they them their theirs themselves what which who whom this that
  these those am is are was were be been being have has had having do does did doing a an the and
  but if or because as until while of at by for with about against between into through during
  before after above below to from up down in out on off over under again further then once here
  there when where why how all any both each few more most other some such no nor not only own
  same so than too very s t can will just don should now d ll m o re ve y ain aren couldn didn
  doesn hadn hasn haven isn ma mightn mustn needn shan shouldn wasn weren won wouldn i'm i've i'd
  i'll it's don't didn't doesn't isn't wasn't can't won't that's there's they're we're you're
  also could would get got one really even still much`.split(/\s+/),
);

export const CHINESE_STOP_WORDS = new Set(
  `的 了 着 过 地 得 之 也 与 及 和 跟 同 或 或者 而 而且 并 并且 且 以及 还有 就 都 又 才 还 再 也是
  是 在 有 为 以 于 把 被 让 给 对 向 从 自 到 比 由 将 往 按 把 被 所 其 这 那 这个 那个 这些 那些
  这样 那样 这里 那里 哪 哪里 什么 怎么 怎样 为什么 谁 我 我们 你 你们 您 他 他们 她 她们 它 它们
  自己 大家 咱们 啊 吧 呢 吗 呀 哦 嗯 哈 啦 嘛 呗 哇 噢 喔 个 些 一 一个 一些 一下 一点 一直 一样
  每 各 某 该 本 此 其他 其它 另外 然后 那么 因为 所以 如果 虽然 但 但是 不过 可是 然而 只是 就是
  还是 只 很 挺 太 非常 比较 更 最 又 已经 曾经 正在 刚 刚刚 马上 可以 可能 应该 能 会 要 想 得
  来 去 上 下 里 中 后 前 时 时候 之后 之前 以后 以前 现在 今天 昨天 次 两 两次 说 做 让 没 不
  没有 有点 有些 一定 真的 还是 感觉 觉得 这次 那次 等 等等`.split(/\s+/),
);

/** Whether a term is a stop word or carries no content (digits, one Latin letter). */
export function isStopWord(term: string, language: "en" | "zh"): boolean {
  if (/^\d+([.,]\d+)?$/.test(term)) return true;
  if (language === "en") return term.length < 2 || ENGLISH_STOP_WORDS.has(term);
  return CHINESE_STOP_WORDS.has(term) || ENGLISH_STOP_WORDS.has(term.toLowerCase());
}
