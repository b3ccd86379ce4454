import { describe, expect, it } from "vitest";
import { detectLanguage } from "./language.ts";

describe("detectLanguage", () => {
  it("follows the documented rule (Han share with Latin letters counted a quarter)", () => {
    const cases: [string, string][] = [
      ["The app is great", "en"],
      ["手机银行转账很快", "zh"],
      // 10 Han, 3 Latin: 10 / (10 + 0.75) = 0.93
      ["App还可以，就是加载有点慢。", "zh"],
      // 2 Han, 14 Latin: 2 / (2 + 3.5) = 0.36
      ["I paid with WeChat (微信)", "en"],
      // 2 Han, 2 Latin: 2 / (2 + 0.5) = 0.8
      ["微信 OK", "zh"],
      ["これはテストです", "other"],
      ["한국어 텍스트", "other"],
      ["Привет мир", "other"],
      ["12345 !!! 👍", "und"],
      ["", "und"],
      ["Très bien", "en"],
    ];
    for (const [text, language] of cases) expect(detectLanguage(text), text).toBe(language);
  });
});
