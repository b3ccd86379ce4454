import { IdentityGraph } from "../core/identity/identity-graph.ts";
import type { IdentityOptions } from "../core/identity/identity-options.ts";
import { type PairwiseQuality, pairwiseQuality } from "../core/identity/quality.ts";
import { normaliseMessage } from "../core/normalise-message.ts";
import type { StoredEvent } from "../core/stored-event.ts";
import { generateDemo } from "../demo/demo-generator.ts";
import type { DemoTruth } from "../demo/demo-types.ts";
import type { IdentityTables } from "./identity-tables.ts";

/** The planted persons of a demo truth as identifier keys, typed as resolution types them. */
export function truthClusters(identity: DemoTruth["identity"]): string[][] {
  return Object.values(identity.persons).map((person) => [
    ...new Set([
      ...person.userIds.map((v) => `user_id:${v}`),
      ...person.anonymousIds.map((v) => `anonymous_id:${v}`),
      ...person.emails.map((v) => `email:${v}`),
      ...person.phones.map((v) => `phone:${v}`),
      ...person.crmIds.map((v) => `crm_id:${v}`),
    ]),
  ]);
}

export interface QualityReport extends PairwiseQuality {
  source: string;
  traps: { sharedDevices: number; sharedAnonymousIds: number; placeholders: number };
}

const trapCounts = (identity: DemoTruth["identity"]) => ({
  sharedDevices: identity.traps.sharedDevices.length,
  sharedAnonymousIds: identity.traps.sharedAnonymousIds.length,
  placeholders: identity.traps.placeholderEmails.length + identity.traps.placeholderPhones.length,
});

/** Scores the profiles in the store against a demo truth (`journeylens demo` writes one). */
export async function storeQuality(
  tables: IdentityTables,
  truth: DemoTruth,
  source: string,
): Promise<QualityReport> {
  const clusters = truthClusters(truth.identity);
  const nodes = await tables.nodes(clusters.flat());
  const profiles = new Map(nodes.map((n) => [n.key, n.profileId]));
  return {
    source,
    ...pairwiseQuality(clusters, (key) => profiles.get(key)),
    traps: trapCounts(truth.identity),
  };
}

/** Generates demo data in memory, resolves it with `options`, and scores it. */
export async function inMemoryQuality(
  options: IdentityOptions,
  demo: { customers: number; seed: number },
): Promise<QualityReport> {
  const end = new Date("2026-06-01T00:00:00Z");
  const data = generateDemo({ ...demo, end });
  const graph = new IdentityGraph(options);
  const events: StoredEvent[] = [];
  for (const message of data.messages) {
    const outcome = normaliseMessage(message, {
      sourceId: "demo",
      receivedAt: end,
      defaultRegion: options.defaultRegion,
    });
    if (outcome.ok) events.push(outcome.value);
  }
  for (let start = 0; start < events.length; start += 5000) {
    await graph.addEvents(events.slice(start, start + 5000));
  }
  const clusters = truthClusters(data.truth.identity);
  return {
    source: `in-memory demo, ${demo.customers} customers, seed ${demo.seed}`,
    ...pairwiseQuality(clusters, (key) => graph.profileOf(key)),
    traps: trapCounts(data.truth.identity),
  };
}
