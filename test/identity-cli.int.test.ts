import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { buildProgram } from "../src/cli/program.ts";
import { parseConfig } from "../src/runtime/config.ts";
import { wireRuntime } from "../src/runtime/runtime.ts";
import { openStore } from "../src/store/open-store.ts";
import { storedEvent } from "./support/factories.ts";
import { DIALECTS, freshTarget, type StoreTarget } from "./support/stores.ts";

for (const dialect of DIALECTS) {
  describe(`journeylens profile / identity commands on ${dialect}`, () => {
    let target: StoreTarget;
    let output: string;

    beforeEach(async () => {
      target = await freshTarget(dialect);
      const store = await openStore(target.pg ? { pg: target.pg } : { db: target.db ?? "" });
      await store.migrate();
      const runtime = wireRuntime(parseConfig({}), store);
      await runtime.store.insertEvents([
        storedEvent({
          type: "identify",
          userId: "u1",
          anonymousId: "a1",
          traits: { email: "one@x.org", phone: "+14155552671" },
        }),
        storedEvent({
          type: "identify",
          userId: null,
          anonymousId: "a2",
          traits: { email: "two@x.org", phone: "+14155552671" },
        }),
        storedEvent({ userId: "u1", event: "Order Completed", properties: { revenue: 10 } }),
      ]);
      await runtime.close();
      output = "";
      vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
        output += String(chunk);
        return true;
      });
    });
    afterEach(async () => {
      vi.restoreAllMocks();
      await target.cleanup();
    });

    /** Runs `journeylens --db|--pg … ARGS --json` and parses what it printed. */
    async function journeylens(...args: string[]) {
      output = "";
      const location = target.pg ? ["--pg", target.pg] : ["--db", target.db ?? ""];
      await buildProgram()
        .exitOverride()
        .parseAsync([...location, ...args], { from: "user" });
      return JSON.parse(output);
    }

    it("shows, explains, splits and rebuilds profiles", async () => {
      const profile = await journeylens("profile", "email:two@x.org", "--json");
      expect(profile.lead).toEqual({ type: "user_id", value: "u1" });
      expect(profile.identifiers).toHaveLength(6);
      expect(profile.computed).toMatchObject({ eventCount: 3, lifetimeValue: 10 });

      const explain = await journeylens("profile", "explain", "a2", "--json");
      expect(explain.identifiers.map((i: { identifier: string }) => i.identifier)).toContain(
        "anonymous_id:a2",
      );
      const rule = await journeylens(
        "profile",
        "split",
        "one@x.org",
        "two@x.org",
        "--note",
        "family",
        "--json",
      );
      expect(rule).toMatchObject({ kind: "do_not_link", note: "family" });
      const one = await journeylens("profile", "one@x.org", "--json");
      const two = await journeylens("profile", "two@x.org", "--json");
      expect(one.profileId).not.toBe(two.profileId);

      const rebuilt = await journeylens("identity", "rebuild", "--json");
      expect(rebuilt).toMatchObject({ events: 3, identifiers: 6, conflicts: 1 });
      expect((await journeylens("profile", "two@x.org", "--json")).profileId).toBe(two.profileId);
      expect((await journeylens("identity", "rules", "--json")).rules).toEqual([
        expect.objectContaining({ id: rule.id }),
      ]);
      expect((await journeylens("identity", "conflicts", "--json")).conflicts).toEqual([
        expect.objectContaining({ kind: "do_not_link" }),
      ]);
      await journeylens("profile", "unsplit", rule.id, "--json");
      expect((await journeylens("profile", "two@x.org", "--json")).profileId).toBe(one.profileId);
      const search = await journeylens("profile", "search", "x.org", "--json");
      expect(search.profiles).toHaveLength(1);
      await expect(journeylens("profile", "nobody@x.org", "--json")).rejects.toThrow(/no profile/);
    });

    it("reports quality on a demo generated in memory", async () => {
      const report = await journeylens(
        "identity",
        "quality",
        "--in-memory",
        "--customers",
        "200",
        "--json",
      );
      expect(report.precision).toBeGreaterThanOrEqual(0.995);
      expect(report.identifiers).toBeGreaterThan(500);
    });
  });
}
