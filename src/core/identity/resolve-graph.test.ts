import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Blocklist } from "./blocklist.ts";
import { EvidenceBuilder } from "./evidence.ts";
import { DEFAULT_IDENTITY_OPTIONS, type IdentityOptions } from "./identity-options.ts";
import { referenceResolve } from "./reference-resolve.ts";
import { type IdentityRules, NO_RULES, resolveGraph } from "./resolve-graph.ts";

const options = DEFAULT_IDENTITY_OPTIONS;

/** Messages as lists of identifier keys, one minute apart, resolved from scratch. */
function resolve(
  messages: readonly (readonly string[])[],
  rules: IdentityRules = NO_RULES,
  opts: IdentityOptions = options,
) {
  const builder = new EvidenceBuilder(opts, new Blocklist(opts));
  for (const [i, keys] of messages.entries()) builder.addMessage(`m${i}`, i * 60_000, keys);
  const result = resolveGraph(builder.nodes(), builder.edges(), rules, opts);
  const byKey = new Map(result.assignments.map((a) => [a.key, a]));
  const profileOf = (key: string) => byKey.get(key)?.profileId;
  const together = (...keys: string[]) => new Set(keys.map(profileOf)).size === 1;
  return { ...result, byKey, profileOf, together };
}

describe("identity resolution", () => {
  it("stitches anonymous and known visits through userId, email and alias", () => {
    const r = resolve([
      ["anonymous_id:a1"],
      ["user_id:u1", "anonymous_id:a1", "email:ann@x.org"],
      ["anonymous_id:a2", "email:ann@x.org"],
      ["user_id:u1", "anonymous_id:a3"],
      ["anonymous_id:a9"],
    ]);
    expect(r.together("anonymous_id:a1", "user_id:u1", "anonymous_id:a2", "anonymous_id:a3")).toBe(
      true,
    );
    expect(r.together("anonymous_id:a1", "anonymous_id:a9")).toBe(false);
    expect(r.conflicts).toEqual([]);
    expect(r.byKey.get("anonymous_id:a2")?.componentId).toBe("anonymous_id:a1");
  });

  it("keeps two user_ids apart on a shared device and says so", () => {
    const r = resolve([
      ["user_id:u1", "anonymous_id:tablet", "device_id:D"],
      ["user_id:u1", "email:one@x.org"],
      ["user_id:u2", "anonymous_id:tablet", "device_id:D"],
      ["user_id:u2", "anonymous_id:tablet", "device_id:D"],
      ["user_id:u2", "email:two@x.org"],
    ]);
    expect(r.together("user_id:u1", "email:one@x.org")).toBe(true);
    expect(r.together("user_id:u2", "email:two@x.org")).toBe(true);
    expect(r.together("user_id:u1", "user_id:u2")).toBe(false);
    // Equal link counts: the earliest link wins, so the tablet goes with u1.
    expect(r.together("user_id:u1", "anonymous_id:tablet", "device_id:D")).toBe(true);
    expect(r.conflicts).toEqual([
      expect.objectContaining({
        kind: "limit",
        type: "user_id",
        identifiers: ["user_id:u1", "user_id:u2"],
      }),
    ]);
  });

  it("attaches an identifier to the anchor it has most links to, then the earliest", () => {
    const r = resolve([
      ["user_id:u1", "anonymous_id:a1"],
      ["user_id:u2", "email:two@x.org"],
      ["user_id:u2", "phone:+14155552671"],
      ["anonymous_id:y", "anonymous_id:a1"],
      ["anonymous_id:y", "email:two@x.org"],
      ["anonymous_id:y", "phone:+14155552671"],
    ]);
    // y: one link to u1's side (the earliest), two to u2's: the count wins.
    expect(r.together("user_id:u2", "anonymous_id:y")).toBe(true);
    expect(r.together("user_id:u1", "anonymous_id:a1")).toBe(true);
  });

  it("does not count another system's id sent as userId against the limit", () => {
    const r = resolve([
      ["user_id:usr_1", "anonymous_id:a1", "email:ann@x.org"],
      ["user_id:C77", "crm_id:C77", "email:ann@x.org", "phone:+14155552671"],
    ]);
    expect(r.together("user_id:usr_1", "user_id:C77", "crm_id:C77", "phone:+14155552671")).toBe(
      true,
    );
    expect(r.conflicts).toEqual([]);
    // The login id leads (and names) the profile, not the CRM id.
    const other = resolve([["user_id:usr_1"]]);
    expect(r.profileOf("user_id:C77")).toBe(other.profileOf("user_id:usr_1"));
  });

  it("stops a value shared by too many user_ids from linking them (guard)", () => {
    const messages = Array.from({ length: 6 }, (_, i) => [`user_id:u${i}`, "phone:+12127365000"]);
    const r = resolve(messages);
    expect(r.byKey.get("phone:+12127365000")?.status).toBe("guarded");
    expect(new Set(messages.map(([k]) => r.profileOf(k as string))).size).toBe(6);
    expect(r.conflicts.map((c) => c.kind)).toEqual(["guard"]);
    // Five is plausible (a family): no guard, and the user_id limit keeps them apart instead.
    const five = resolve(messages.slice(0, 5));
    expect(five.byKey.get("phone:+12127365000")?.status).toBe("linked");
    expect(five.conflicts.map((c) => c.kind)).toEqual(["limit"]);
  });

  it("obeys split rules: do-not-link and detach", () => {
    const messages = [
      ["anonymous_id:a1", "email:one@x.org", "phone:+14155552671"],
      ["anonymous_id:a2", "email:two@x.org", "phone:+14155552671"],
    ];
    expect(resolve(messages).together("email:one@x.org", "email:two@x.org")).toBe(true);
    const apart = resolve(messages, {
      detached: [],
      doNotLink: [{ id: "r1", keys: ["email:one@x.org", "email:two@x.org"] }],
    });
    expect(apart.together("email:one@x.org", "email:two@x.org")).toBe(false);
    expect(apart.together("email:one@x.org", "anonymous_id:a1")).toBe(true);
    expect(apart.conflicts[0]).toMatchObject({ kind: "do_not_link" });
    const detached = resolve(messages, { detached: ["phone:+14155552671"], doNotLink: [] });
    expect(detached.byKey.get("phone:+14155552671")?.status).toBe("detached");
    expect(detached.together("email:one@x.org", "email:two@x.org")).toBe(false);
  });

  it("applies configured limits and priority", () => {
    const messages = [["anonymous_id:a1", "email:one@x.org", "email:two@x.org"]];
    const limited = resolve(messages, NO_RULES, { ...options, limits: { email: 1 } });
    expect(limited.together("email:one@x.org", "email:two@x.org")).toBe(false);
    const emailFirst = resolve([["user_id:u1", "email:one@x.org"]], NO_RULES, {
      ...options,
      priority: ["email", "user_id"],
    });
    expect(emailFirst.profileOf("user_id:u1")).toBe(
      resolve([["email:one@x.org"]]).profileOf("email:one@x.org"),
    );
  });
});

const pool = [
  ...["u0", "u1", "u2", "C1", "C2"].map((v) => `user_id:${v}`),
  ...["a0", "a1", "a2", "a3", "a4"].map((v) => `anonymous_id:${v}`),
  ...["e0", "e1", "e2"].map((v) => `email:${v}@x.org`),
  "crm_id:C1",
  "crm_id:C2",
  "device_id:d0",
  "device_id:d1",
];

/** Small random logs where every rule is exercised: limits, system ids, guard, splits. */
const smallLog = fc.record({
  messages: fc.array(
    fc.record({
      keys: fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 4 }),
      time: fc.integer({ min: 0, max: 20 }),
    }),
    { minLength: 1, maxLength: 25 },
  ),
  detached: fc.subarray(pool, { maxLength: 2 }),
  doNotLink: fc.array(fc.uniqueArray(fc.constantFrom(...pool), { minLength: 2, maxLength: 3 }), {
    maxLength: 2,
  }),
  guard: fc.integer({ min: 1, max: 3 }),
  emailLimit: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
});

describe("resolution against a brute-force reference", () => {
  it("agrees on every identifier's profile, component and status", () => {
    fc.assert(
      fc.property(smallLog, (log) => {
        const opts: IdentityOptions = {
          ...options,
          maxUserIdsPerValue: log.guard,
          limits: log.emailLimit ? { user_id: 1, email: log.emailLimit } : { user_id: 1 },
        };
        const rules: IdentityRules = {
          detached: log.detached,
          doNotLink: log.doNotLink.map((keys, i) => ({ id: `r${i}`, keys })),
        };
        const builder = new EvidenceBuilder(opts, new Blocklist(opts));
        for (const [i, m] of log.messages.entries()) builder.addMessage(`m${i}`, m.time, m.keys);
        const nodes = builder.nodes();
        const edges = builder.edges();
        const fast = resolveGraph(nodes, edges, rules, opts).assignments;
        const slow = referenceResolve(nodes, edges, rules, opts);
        for (const a of fast) expect(a).toEqual(slow.get(a.key));
        // The same sets in another order give the same answer.
        const again = resolveGraph([...nodes].reverse(), [...edges].reverse(), rules, opts);
        expect(new Map(again.assignments.map((a) => [a.key, a]))).toEqual(
          new Map(fast.map((a) => [a.key, a])),
        );
      }),
      { numRuns: 400 },
    );
  });
});
