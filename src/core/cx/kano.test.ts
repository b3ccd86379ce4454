import { describe, expect, it } from "vitest";
import { AppError } from "../app-error.ts";
import { kanoAnalysis, kanoCategory } from "./kano.ts";
import { kanoAnswerOf } from "./kano-answer.ts";

describe("KANO answers", () => {
  it("reads codes, English and Chinese wordings alike", () => {
    const spellings: [string | number, string][] = [
      [1, "like"],
      ["5", "dislike"],
      ["I like it that way", "like"],
      ["It must be that way", "must-be"],
      ["I expect it", "must-be"],
      ["I'm neutral", "neutral"],
      ["I can live with it", "live-with"],
      ["I dislike it", "dislike"],
      ["喜欢", "like"],
      ["理所当然", "must-be"],
      ["无所谓", "neutral"],
      ["能忍受", "live-with"],
      ["不喜欢", "dislike"],
      ["  LIKE ", "like"],
      ["4. I can live with it", "live-with"],
      ["2、理所当然", "must-be"],
    ];
    for (const [value, answer] of spellings)
      expect([value, kanoAnswerOf(value)]).toEqual([value, answer]);
  });

  it("refuses anything else, and a code that contradicts its wording", () => {
    for (const value of [0, 6, 2.5, "", "maybe", "1. I dislike it", "喜"]) {
      expect(kanoAnswerOf(value)).toBeNull();
    }
  });
});

describe("KANO evaluation table (Berger et al. 1993)", () => {
  it("classifies the pairs of the standard table", () => {
    expect(kanoCategory("like", "dislike")).toBe("one-dimensional");
    expect(kanoCategory("like", "neutral")).toBe("attractive");
    expect(kanoCategory("like", "must-be")).toBe("attractive");
    expect(kanoCategory("neutral", "dislike")).toBe("must-be");
    expect(kanoCategory("live-with", "dislike")).toBe("must-be");
    expect(kanoCategory("neutral", "neutral")).toBe("indifferent");
    expect(kanoCategory("must-be", "live-with")).toBe("indifferent");
    expect(kanoCategory("like", "like")).toBe("questionable");
    expect(kanoCategory("dislike", "dislike")).toBe("questionable");
    expect(kanoCategory("dislike", "like")).toBe("reverse");
    expect(kanoCategory("neutral", "like")).toBe("reverse");
  });

  it("gives the category, better/worse and Fong's test per feature (by hand)", () => {
    // 5 one-dimensional, 2 attractive, 1 must-be, 2 indifferent, 1 questionable.
    const pairs: [string, string][] = [
      ...Array<[string, string]>(5).fill(["like", "dislike"]),
      ["like", "neutral"],
      ["like", "live with"],
      ["neutral", "dislike"],
      ["neutral", "neutral"],
      ["3", "3"],
      ["like", "like"],
    ];
    const result = kanoAnalysis(
      pairs.map(([functional, dysfunctional], i) => ({
        respondent: `r${i}`,
        feature: "Instant transfers",
        functional,
        dysfunctional,
      })),
    );
    const feature = result.features[0];
    expect(feature?.counts).toEqual({
      "must-be": 1,
      "one-dimensional": 5,
      attractive: 2,
      indifferent: 2,
      reverse: 0,
      questionable: 1,
    });
    expect(feature?.category).toBe("one-dimensional");
    // better = (2 + 5)/(2 + 5 + 1 + 2) = 0.7, worse = −(5 + 1)/10 = −0.6.
    expect(feature?.better).toBe(0.7);
    expect(feature?.worse).toBe(-0.6);
    // Top 5 vs runner-up 2 of 11: 1.65·√(7·15/22) = 3.605 > 3, not a distinct winner.
    expect(feature?.strength).toBeCloseTo(27.2727, 3);
    expect(feature?.distinct).toBe(false);
  });

  it("breaks ties must-be > one-dimensional > attractive > indifferent", () => {
    const result = kanoAnalysis([
      { respondent: "a", feature: "f", functional: 1, dysfunctional: 3 },
      { respondent: "b", feature: "f", functional: 3, dysfunctional: 5 },
    ]);
    expect(result.features[0]?.category).toBe("must-be");
  });

  it("keeps the last answer of a respondent on a feature", () => {
    const result = kanoAnalysis([
      { respondent: "a", feature: "f", functional: 1, dysfunctional: 5 },
      { respondent: "a", feature: "f", functional: 3, dysfunctional: 3 },
    ]);
    expect(result.duplicatesReplaced).toBe(1);
    expect(result.features[0]?.counts.indifferent).toBe(1);
    expect(result.features[0]?.respondents).toBe(1);
  });

  it("names the bad answer", () => {
    const run = () =>
      kanoAnalysis([
        { respondent: "a", feature: "f", functional: 1, dysfunctional: 5 },
        { respondent: "b", feature: "f", functional: "love it", dysfunctional: 5 },
      ]);
    expect(run).toThrow(AppError);
    expect(run).toThrow(/answers\.1\.functional: "love it" is not a KANO answer/);
  });
});
