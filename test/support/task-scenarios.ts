import type { StoredEvent } from "../../src/core/stored-event.ts";

/** mulberry32: a small seeded PRNG, so scenarios are the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TaskScenario {
  seed: number;
  profiles: number;
  channels: readonly string[];
  /** Completion probability of an attempt on a channel (and app version, on the app). */
  completion(channel: string, version: string | null): number;
}

const VERSIONS = ["4.9.2", "5.0.3", "5.1.0", "5.2.0"];
const START = Date.UTC(2026, 1, 2);

/**
 * A transfer log (`Transfer Started → Transfer Completed | Transfer Failed`): each profile
 * makes 1–3 attempts, hours apart, on random channels; app attempts carry an app version.
 * Times to complete and CES scores have one distribution on every channel, so the only
 * differences between channels are the completion rates the scenario gives.
 */
export function taskScenarioEvents(scenario: TaskScenario): StoredEvent[] {
  const random = seededRandom(scenario.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const events: StoredEvent[] = [];
  let id = 0;
  const add = (
    user: string,
    channel: string,
    event: string,
    at: number,
    properties: Record<string, unknown> = {},
    context: Record<string, unknown> = {},
  ) =>
    events.push({
      messageId: `m${String(id++).padStart(7, "0")}`,
      sourceId: "scenario",
      type: "track",
      event,
      userId: user,
      anonymousId: null,
      previousId: null,
      groupId: null,
      email: null,
      phone: null,
      channel: channel as StoredEvent["channel"],
      timestamp: new Date(at),
      sentAt: null,
      receivedAt: new Date(START),
      properties: JSON.stringify({ channel, ...properties }),
      traits: "{}",
      context: JSON.stringify(context),
    });
  for (let p = 0; p < scenario.profiles; p++) {
    const user = `user-${p}`;
    let at = START + Math.floor(random() * 30 * 86_400_000);
    const attempts = 1 + Math.floor(random() * 3);
    for (let k = 0; k < attempts; k++) {
      const channel = pick(scenario.channels);
      const version = channel === "app" ? pick(VERSIONS) : null;
      const context = version ? { app: { version } } : {};
      add(user, channel, "Transfer Started", at, {}, context);
      const r = random();
      if (r < scenario.completion(channel, version)) {
        add(user, channel, "Transfer Completed", at + 5_000 + Math.floor(random() * 55_000));
      } else if (random() < 0.8) {
        add(user, channel, "Transfer Failed", at + 5_000 + Math.floor(random() * 55_000));
      }
      if (random() < 0.3) {
        const score = 3 + Math.floor(random() * 5);
        add(user, channel, "Survey Responded", at + 120_000, {
          survey_type: "ces",
          score,
          touchpoint: "transfer",
        });
      }
      at += (2 + Math.floor(random() * 48)) * 3_600_000;
    }
  }
  return events;
}
