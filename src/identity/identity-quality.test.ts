import { describe, expect, it } from "vitest";
import { DEFAULT_IDENTITY_OPTIONS } from "../core/identity/identity-options.ts";
import { inMemoryQuality } from "./identity-quality.ts";

describe("identity quality on the demo data", () => {
  it("meets precision ≥ 0.995 and recall ≥ 0.98 with shared devices, placeholders and variants", async () => {
    const report = await inMemoryQuality(DEFAULT_IDENTITY_OPTIONS, { customers: 3000, seed: 42 });
    expect(report.traps.sharedDevices).toBeGreaterThan(0);
    expect(report.traps.placeholders).toBeGreaterThan(0);
    expect(report.precision).toBeGreaterThanOrEqual(0.995);
    expect(report.recall).toBeGreaterThanOrEqual(0.98);
  });

  it("needs its rules: without the user_id limit, shared tablets merge families", async () => {
    const report = await inMemoryQuality(
      { ...DEFAULT_IDENTITY_OPTIONS, limits: {} },
      { customers: 1000, seed: 7 },
    );
    expect(report.precision).toBeLessThan(0.995);
  });
});
