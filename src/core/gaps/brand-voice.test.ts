import { describe, expect, it } from "vitest";
import { checkBrandVoice } from "./brand-voice.ts";
import { BrandVoiceConfigSchema } from "./brand-voice-config.ts";
import { parseContentItems } from "./content-items.ts";
import {
  characterCount,
  englishWords,
  findTerm,
  fleschKincaidGrade,
  meanSentenceCharacters,
  syllables,
} from "./text-measures.ts";

const DEFAULTS = BrandVoiceConfigSchema.parse(undefined);
const check = (rows: Record<string, unknown>[], config = DEFAULTS) =>
  checkBrandVoice(parseContentItems(rows), config).map((f) => [
    f.channel,
    f.rule,
    f.field,
    f.terms?.[0] ?? f.value,
  ]);

describe("text measures", () => {
  it("counts English words and Chinese characters", () => {
    expect(englishWords("Don't miss our 3.5% high-yield offer!")).toEqual([
      "Don't",
      "miss",
      "our",
      "3",
      "5",
      "high-yield",
      "offer",
    ]);
    expect(characterCount("高收益 储蓄，利率3.5%")).toBe(12);
  });

  it("grades English by Flesch–Kincaid (worked by hand)", () => {
    expect([syllables("cat"), syllables("savings"), syllables("make"), syllables("table")]).toEqual(
      [1, 2, 1, 2],
    );
    // 2 sentences, 6 words, 7 syllables: 0.39·3 + 11.8·7/6 − 15.59
    expect(fleschKincaidGrade("The cat sat. Savings grow fast.")).toBeCloseTo(
      0.39 * 3 + (11.8 * 7) / 6 - 15.59,
      9,
    );
  });

  it("measures Chinese sentences in characters", () => {
    // 6 and 3 characters (punctuation not counted)
    expect(meanSentenceCharacters("今天天气很好。出门吧！")).toBe(4.5);
  });

  it("matches English terms at word boundaries, Chinese anywhere", () => {
    expect(findTerm("An accurate rate", "rate")).toBe(12);
    expect(findTerm("accurate", "rate")).toBe(-1);
    expect(findTerm("GUARANTEED   returns here", "guaranteed returns")).toBe(0);
    expect(findTerm("这是稳赚不赔的产品", "稳赚")).toBe(2);
  });
});

describe("brand voice", () => {
  it("finds banned terms in English and Chinese", () => {
    expect(
      check([
        { key: "p", channel: "web", text: "Guaranteed returns on every deposit." },
        { key: "p", channel: "app", text: "本产品稳赚不赔。" },
        { key: "q", channel: "web", text: "Returns are not guaranteed." },
      ]),
    ).toEqual([
      ["web", "banned_term", "text", "guaranteed returns"],
      ["app", "banned_term", "text", "稳赚"],
    ]);
  });

  it("requires the disclaimer of a message type", () => {
    const findings = check([
      { key: "a", channel: "email", type: "promotion", text: "Earn more. Terms apply." },
      { key: "b", channel: "email", type: "promotion", text: "年利率3.5%，详见条款。" },
      { key: "c", channel: "email", type: "promotion", text: "Earn more today." },
      { key: "d", channel: "email", type: "transactional", text: "Your transfer is done." },
    ]);
    expect(findings).toEqual([["email", "disclaimer", null, "Terms apply"]]);
  });

  it("limits length per channel: English in words, Chinese in characters", () => {
    const config = BrandVoiceConfigSchema.parse({
      maxLength: { sms: { words: 5, characters: 10 } },
    });
    expect(
      check(
        [
          { key: "a", channel: "sms", text: "one two three four five" },
          { key: "b", channel: "sms", text: "one two three four five six" },
          { key: "c", channel: "sms", text: "您的转账已经成功完成了" },
          { key: "d", channel: "sms", text: "您的转账已经成功完成" },
          { key: "e", channel: "web", text: "one two three four five six" },
        ],
        config,
      ),
    ).toEqual([
      ["sms", "length", null, 6],
      ["sms", "length", null, 11],
    ]);
  });

  it("flags informal wording when the voice is formal", () => {
    const rows = [
      { key: "a", channel: "app", text: "亲，你的转账成功了" },
      { key: "b", channel: "app", text: "您好，你们的申请已受理。" },
      { key: "c", channel: "app", text: "Awesome, it worked!!" },
    ];
    expect(check(rows)).toEqual([
      ["app", "formality", "text", "亲"],
      ["app", "formality", "text", "你"],
      ["app", "formality", "text", "awesome"],
      ["app", "formality", "text", "!!"],
    ]);
    expect(check(rows, BrandVoiceConfigSchema.parse({ formality: "neutral" }))).toEqual([]);
  });

  it("grades long English and Chinese fields", () => {
    const hard =
      "Notwithstanding any contrary provision, the accountholder acknowledges that overdraft authorizations are discretionary, revocable instantaneously, and subject to applicable regulatory limitations.";
    const easy =
      "You can move money any time. It is free. We send a text when it is done. Call us if you need help with it.";
    const longChinese =
      "根据相关监管规定以及本行内部管理制度的要求客户在办理跨行大额转账业务时需要提供完整有效的身份证明文件并配合完成风险评估";
    expect(
      check([
        { key: "a", channel: "web", terms: hard },
        { key: "b", channel: "web", terms: easy },
        { key: "c", channel: "web", terms: longChinese },
      ]).map(([channel, rule, field]) => [channel, rule, field]),
    ).toEqual([
      ["web", "reading_level", "terms"],
      ["web", "reading_level", "terms"],
    ]);
  });

  it("applies required terms in their scope", () => {
    const config = BrandVoiceConfigSchema.parse({
      requiredTerms: [{ anyOf: ["Journey Bank", "旅程银行"], channels: ["email"] }],
    });
    expect(
      check(
        [
          { key: "a", channel: "email", text: "Hello from Journey Bank." },
          { key: "b", channel: "email", text: "旅程银行提醒您" },
          { key: "c", channel: "email", text: "Hello." },
          { key: "d", channel: "sms", text: "Hello." },
        ],
        config,
      ),
    ).toEqual([["email", "required_term", null, "Journey Bank"]]);
  });
});
