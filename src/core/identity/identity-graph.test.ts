import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Blocklist } from "./blocklist.ts";
import { EvidenceBuilder } from "./evidence.ts";
import { IdentityGraph } from "./identity-graph.ts";
import { DEFAULT_IDENTITY_OPTIONS, type IdentityOptions } from "./identity-options.ts";
import { randomIdentityLog } from "./random-identity-log.ts";
import { type Conflict, type IdentityRules, NO_RULES } from "./resolve-graph.ts";

const pool = [
  ...["u0", "u1", "u2", "u3", "C1", "C2"].map((v) => `user_id:${v}`),
  ...["a0", "a1", "a2", "a3", "a4", "a5"].map((v) => `anonymous_id:${v}`),
  ...["e0", "e1", "e2"].map((v) => `email:${v}@x.org`),
  "phone:+14155552671",
  "crm_id:C1",
  "crm_id:C2",
  "device_id:d0",
];

const log = fc.record({
  messages: fc.array(
    fc.record({
      keys: fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 4 }),
      time: fc.integer({ min: 0, max: 30 }),
      order: fc.nat(),
      batch: fc.integer({ min: 0, max: 5 }),
    }),
    { minLength: 1, maxLength: 40 },
  ),
  detached: fc.subarray(pool, { maxLength: 2 }),
  doNotLink: fc.array(fc.uniqueArray(fc.constantFrom(...pool), { minLength: 2, maxLength: 3 }), {
    maxLength: 2,
  }),
  rulesAfterBatch: fc.integer({ min: 0, max: 5 }),
  guard: fc.integer({ min: 1, max: 3 }),
});

type Message = { keys: string[]; time: number };

/** Feeds messages to a graph one batch at a time (messages keep their ids across orders). */
async function feed(graph: IdentityGraph, batches: { id: string; m: Message }[][]) {
  for (const batch of batches) {
    const builder = new EvidenceBuilder(graph.options, new Blocklist(graph.options));
    for (const { id, m } of batch) builder.addMessage(id, m.time, m.keys);
    await graph.addEvidence(builder);
  }
}

const snapshot = (graph: IdentityGraph) =>
  [...graph.nodesByKey.values()]
    .map((n) => `${n.key} ${n.profileId} ${n.componentId} ${n.status} ${n.firstMessageId}`)
    .sort();
const conflictList = (conflicts: Conflict[]) =>
  conflicts.map((c) => `${c.componentId} ${c.kind} ${c.identifiers.join(",")}`).sort();

describe("incremental resolution", () => {
  it("equals a full rebuild, whatever the order, batching and time of the split rules", async () => {
    await fc.assert(
      fc.asyncProperty(log, async (input) => {
        const options: IdentityOptions = {
          ...DEFAULT_IDENTITY_OPTIONS,
          maxUserIdsPerValue: input.guard,
        };
        const rules: IdentityRules = {
          detached: input.detached,
          doNotLink: input.doNotLink.map((keys, i) => ({ id: `r${i}`, keys })),
        };
        const ided = input.messages.map((m, i) => ({ id: `m${i}`, m, order: m.order, b: m.batch }));
        const shuffled = [...ided].sort((x, y) => x.order - y.order);
        const batches = [0, 1, 2, 3, 4, 5].map((b) => shuffled.filter((x) => x.b === b));

        const incremental = new IdentityGraph(options, NO_RULES);
        await feed(incremental, batches.slice(0, input.rulesAfterBatch));
        await incremental.setRules(rules, [
          ...rules.detached,
          ...rules.doNotLink.flatMap((r) => r.keys),
        ]);
        await feed(incremental, batches.slice(input.rulesAfterBatch));

        const rebuilt = incremental.rebuild();
        const rebuiltRows = [...rebuilt.assignments.values()]
          .map((n) => `${n.key} ${n.profileId} ${n.componentId} ${n.status} ${n.firstMessageId}`)
          .sort();
        expect(snapshot(incremental)).toEqual(rebuiltRows);
        expect(conflictList(incremental.allConflicts())).toEqual(conflictList(rebuilt.conflicts));

        // All at once, in the original order, with the rules from the start: the same profiles.
        const once = new IdentityGraph(options, rules);
        await feed(once, [ided]);
        expect(snapshot(once)).toEqual(snapshot(incremental));
      }),
      { numRuns: 300 },
    );
  });

  it("equals a rebuild on a random log with traps, event by event batches", async () => {
    const { events } = randomIdentityLog({ persons: 300, seed: 5 });
    const graph = new IdentityGraph(DEFAULT_IDENTITY_OPTIONS);
    for (let i = 0; i < events.length; i += 37) await graph.addEvents(events.slice(i, i + 37));
    const rebuilt = graph.rebuild();
    for (const [key, node] of rebuilt.assignments) {
      expect(graph.nodesByKey.get(key)?.profileId).toBe(node.profileId);
    }
    expect(conflictList(graph.allConflicts())).toEqual(conflictList(rebuilt.conflicts));

    // Loading everything at once (the bulk path) gives the same graph.
    const loaded = new IdentityGraph(DEFAULT_IDENTITY_OPTIONS);
    const builder = new EvidenceBuilder(loaded.options, new Blocklist(loaded.options));
    for (const event of events) builder.addEvent(event);
    loaded.load(builder);
    expect(snapshot(loaded)).toEqual(snapshot(graph));
    expect(conflictList(loaded.allConflicts())).toEqual(conflictList(graph.allConflicts()));
  });
});
