import { describe, expect, it } from "vitest";
import { CxConfigSchema } from "./cx-config.ts";
import { engagementOf, scoreBin } from "./engagement.ts";

describe("engagement score", () => {
  const caps = { activeDays: 10, channels: 4, interactionTypes: 8, collaborativeShare: 0.2 };
  const config = CxConfigSchema.parse({});

  it("is 100·(0.4·frequency + 0.3·diversity + 0.3·depth) of capped parts (by hand)", () => {
    const p = engagementOf(
      {
        profileId: "p",
        activeDays: 5,
        channels: 2,
        interactionTypes: 8,
        events: 20,
        collaborative: 2,
      },
      caps,
      config,
    );
    // frequency 5/10; diversity ½·2/4 + ½·8/8 = 0.75; depth (2/20)/0.2 = 0.5.
    expect(p.frequency).toBe(0.5);
    expect(p.diversity).toBe(0.75);
    expect(p.depth).toBe(0.5);
    expect(p.score).toBeCloseTo(100 * (0.2 + 0.225 + 0.15), 10);
  });

  it("caps each part at 1 and gives 0 to a part nobody has", () => {
    const p = engagementOf(
      {
        profileId: "p",
        activeDays: 30,
        channels: 9,
        interactionTypes: 20,
        events: 4,
        collaborative: 4,
      },
      { ...caps, collaborativeShare: null },
      config,
    );
    expect([p.frequency, p.diversity, p.depth]).toEqual([1, 1, 0]);
    expect(p.score).toBeCloseTo(70, 10);
  });

  it("bins scores by tens, 100 in the last bin", () => {
    expect([0, 9.99, 10, 70.00000000000001, 99.9, 100].map(scoreBin)).toEqual([0, 0, 1, 7, 9, 9]);
  });
});
