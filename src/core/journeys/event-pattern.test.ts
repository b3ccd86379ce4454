import { describe, expect, it } from "vitest";
import { likePattern, matchesAny, matchesPattern } from "./event-pattern.ts";

describe("event patterns", () => {
  it("matches exact names, case-sensitively", () => {
    expect(matchesPattern("Order Completed", "Order Completed")).toBe(true);
    expect(matchesPattern("Order Completed", "order completed")).toBe(false);
    expect(matchesPattern("Order Completed", null)).toBe(false);
  });

  it("treats * as any run of characters and nothing else as a wildcard", () => {
    expect(matchesPattern("Checkout *", "Checkout Step Viewed")).toBe(true);
    expect(matchesPattern("*Viewed", "Product Viewed")).toBe(true);
    expect(matchesPattern("*", "")).toBe(true);
    expect(matchesPattern("A_%?*", "A_%?x")).toBe(true);
    expect(matchesPattern("A_%?*", "AB%?x")).toBe(false);
    expect(matchesPattern("a.b*", "axb")).toBe(false);
    expect(matchesAny(["X", "Y*"], "Yes")).toBe(true);
  });

  it("escapes LIKE's own wildcards", () => {
    expect(likePattern("50% off_*")).toBe("50\\% off\\_%");
    expect(likePattern("back\\slash")).toBe("back\\\\slash");
  });
});
