import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { normaliseEmail, normalisePhone } from "../core/identifiers.ts";
import { normaliseMessage } from "../core/normalise-message.ts";
import { writeDemoFiles } from "./demo-files.ts";
import {
  DEMO_CHANNELS,
  type DemoData,
  demoSummary,
  generateDemo,
  type SegmentMessage,
} from "./demo-generator.ts";

// Everything here is recomputed from the messages alone, with the truth only naming who is
// who, so a generator that reports targets instead of realised figures fails.

const END = new Date("2025-06-01T00:00:00.000Z");
const DAY = 86_400_000;
const data = generateDemo({ end: END });
const { messages, truth } = data;

/** person id of every message, from the truth's userIds and unshared anonymousIds. */
function attribute({ messages, truth }: DemoData): string[] {
  const byUser = new Map<string, string>();
  const byAnon = new Map<string, string>();
  for (const [person, ids] of Object.entries(truth.identity.persons)) {
    for (const id of ids.userIds) byUser.set(id, person);
    for (const id of ids.anonymousIds) byAnon.set(id, person);
  }
  return messages.map((m, i) => {
    const viaUser = m.userId === undefined ? undefined : byUser.get(m.userId);
    const viaAnon = m.anonymousId === undefined ? undefined : byAnon.get(m.anonymousId);
    if (viaUser && viaAnon && viaUser !== viaAnon) {
      throw new Error(`message ${i} has ids of two persons`);
    }
    const person = viaUser ?? viaAnon;
    if (!person) throw new Error(`message ${i} belongs to nobody: ${JSON.stringify(m)}`);
    return person;
  });
}

const personOf = attribute(data);
const sequences = new Map<string, SegmentMessage[]>();
messages.forEach((m, i) => {
  const person = personOf[i] as string;
  const list = sequences.get(person) ?? [];
  list.push(m);
  sequences.set(person, list);
});

const isTrack = (m: SegmentMessage | undefined, event: string, channel?: string) =>
  m?.type === "track" && m.event === event && (!channel || m.properties?.channel === channel);
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(0.001);

describe("generateDemo", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = generateDemo({ end: END, customers: 150, seed: 7 });
    const b = generateDemo({ end: END, customers: 150, seed: 7 });
    const c = generateDemo({ end: END, customers: 150, seed: 8 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(c.messages.map((m) => m.messageId)).not.toEqual(a.messages.map((m) => m.messageId));
    expect(JSON.stringify(c.messages)).not.toBe(JSON.stringify(a.messages));
  });

  it("defaults to 3000 persons over the 120 days before end, and rejects bad options", () => {
    expect(truth.customers).toBe(3000);
    expect(Object.keys(truth.identity.persons)).toHaveLength(3000);
    expect(Date.parse(truth.end) - Date.parse(truth.start)).toBe(120 * DAY);
    expect(messages.length).toBeGreaterThan(60_000);
    expect(messages.length).toBeLessThan(150_000);
    expect(() => generateDemo({ end: END, customers: 0 })).toThrow(RangeError);
    expect(() => generateDemo({ end: END, start: END })).toThrow(RangeError);
  });

  it("writes valid Segment messages with unique ids, inside the window", () => {
    const start = Date.parse(truth.start);
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const channels = new Set<string>(DEMO_CHANNELS);
    const problems: string[] = [];
    const check = (ok: boolean, what: string, m: SegmentMessage) => {
      if (!ok) problems.push(`${what}: ${JSON.stringify(m)}`);
    };
    for (const m of messages) {
      check(["track", "identify", "page", "screen", "alias"].includes(m.type), "type", m);
      check(uuid.test(m.messageId), "messageId", m);
      check(Boolean(m.userId || m.anonymousId), "userId or anonymousId", m);
      const t = Date.parse(m.timestamp);
      check(new Date(t).toISOString() === m.timestamp, "ISO timestamp", m);
      check(t > start && t < END.getTime(), "timestamp in window", m);
      if (m.type === "track") {
        check(Boolean(m.event), "event", m);
        check(channels.has(String(m.properties?.channel)), "properties.channel", m);
      }
      if (m.type === "page") check(Boolean(m.name), "page name", m);
      if (m.type === "screen") {
        const c = m.context;
        check(
          Boolean(m.name && c?.app?.version && c.device?.id && c.os?.name),
          "screen context",
          m,
        );
      }
      if (m.type === "alias") check(m.previousId === m.anonymousId, "alias previousId", m);
      if (m.type === "identify") check(typeof m.traits === "object", "identify traits", m);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    expect(new Set(messages.map((m) => m.messageId)).size).toBe(messages.length);
  });

  it("keeps each person's messages in strictly increasing time", () => {
    const backwards: string[] = [];
    for (const [person, list] of sequences) {
      for (let i = 1; i < list.length; i++) {
        const previous = list[i - 1]?.timestamp ?? "";
        const current = list[i]?.timestamp ?? "";
        if (Date.parse(current) <= Date.parse(previous)) backwards.push(`${person} at ${current}`);
      }
    }
    expect(backwards).toEqual([]);
    expect(sequences.size).toBe(3000);
  });

  it("passes the ingestion normaliser and uses every demo channel", () => {
    const channels = new Set<string>();
    for (const m of messages) {
      const outcome = normaliseMessage(m, {
        sourceId: "demo",
        receivedAt: END,
        defaultRegion: "US",
      });
      if (!outcome.ok)
        throw new Error(`${outcome.field}: ${outcome.reason} in ${JSON.stringify(m)}`);
      channels.add(outcome.value.channel);
      if (m.type === "page") expect(outcome.value.channel).toBe("web");
      if (m.type === "screen") expect(outcome.value.channel).toBe("app");
    }
    expect([...channels].sort()).toEqual([...DEMO_CHANNELS].sort());
  });

  it("plants the churn path and reports the realised churn figures", () => {
    let holders = 0;
    let withPath = 0;
    let churnedWithPath = 0;
    let churnedWithout = 0;
    for (const list of sequences.values()) {
      if (!list.some((m) => m.userId)) continue;
      holders++;
      const closedAt = list.findIndex((m) => isTrack(m, "Account Closed"));
      if (closedAt >= 0) expect(closedAt).toBe(list.length - 1);
      const path = list.some(
        (m, i) =>
          isTrack(m, "Account Query", "app") &&
          isTrack(list[i + 1], "Transfer Failed", "app") &&
          isTrack(list[i + 2], "Customer Service Response Timeout", "app"),
      );
      if (path) withPath++;
      if (closedAt >= 0) path ? churnedWithPath++ : churnedWithout++;
    }
    const churn = truth.churn;
    expect(churn.path.map((s) => s.event)).toEqual([
      "Account Query",
      "Transfer Failed",
      "Customer Service Response Timeout",
    ]);
    expect(churn.accountHolders).toBe(holders);
    expect(churn.customersWithPath).toBe(withPath);
    expect(churn.churnedCount).toBe(churnedWithPath + churnedWithout);
    close(
      churn.plantedShareOfChurnedThroughPath,
      churnedWithPath / (churnedWithPath + churnedWithout),
    );
    close(churn.churnRateWithPath, churnedWithPath / withPath);
    close(churn.churnRateWithoutPath, churnedWithout / (holders - withPath));
    expect(churn.churnRateWithPath).toBeGreaterThan(5 * churn.churnRateWithoutPath);
    expect(withPath / holders).toBeGreaterThan(0.08);
    expect(churn.plantedShareOfChurnedThroughPath).toBeGreaterThan(0.5);
  });

  it("plants the transfer gap on app 5.1.0 and reports realised completion", () => {
    const attempts = new Map<string, [number, number]>();
    const count = (key: string, ok: boolean) => {
      const [n, done] = attempts.get(key) ?? [0, 0];
      attempts.set(key, [n + 1, done + (ok ? 1 : 0)]);
    };
    for (const list of sequences.values()) {
      list.forEach((m, i) => {
        if (!isTrack(m, "Transfer Started")) return;
        const id = m.properties?.transfer_id;
        const done = list
          .slice(i + 1)
          .find((o) => isTrack(o, "Transfer Completed") && o.properties?.transfer_id === id);
        const ok =
          done !== undefined && Date.parse(done.timestamp) - Date.parse(m.timestamp) <= 600_000;
        const channel = String(m.properties?.channel);
        count(channel, ok);
        if (channel === "app") count(`app@${m.context?.app?.version}`, ok);
      });
    }
    const rate = (key: string) => {
      const [n, done] = attempts.get(key) ?? [0, 0];
      return done / n;
    };
    const gap = truth.channelGap;
    for (const channel of ["web", "app", "branch", "call_center"]) {
      close(gap.completionByChannel[channel] ?? -1, rate(channel));
    }
    for (const version of ["4.9.2", "5.0.3", "5.1.0", "5.2.0"]) {
      close(gap.completionByAppVersion[version] ?? -1, rate(`app@${version}`));
    }
    expect(rate("app@5.1.0")).toBeLessThan(0.7);
    for (const version of ["4.9.2", "5.0.3", "5.2.0"])
      expect(rate(`app@${version}`)).toBeGreaterThan(0.85);
    for (const channel of ["web", "branch", "call_center"])
      expect(rate(channel)).toBeGreaterThan(0.9);
    expect(attempts.get("app@5.1.0")?.[0]).toBeGreaterThan(300);
  });

  it("plants NPS by channel, branch high and app low", () => {
    const scores = new Map<string, number[]>();
    for (const m of messages) {
      if (!isTrack(m, "Survey Responded") || m.properties?.survey_type !== "nps") continue;
      const score = m.properties.score as number;
      expect(Number.isInteger(score) && score >= 0 && score <= 10).toBe(true);
      const list = scores.get(String(m.properties.channel)) ?? [];
      list.push(score);
      scores.set(String(m.properties.channel), list);
    }
    const mean = (c: string) => {
      const list = scores.get(c) ?? [];
      return list.reduce((a, b) => a + b, 0) / list.length;
    };
    for (const channel of scores.keys())
      close(truth.nps.meanByChannel[channel] ?? -1, mean(channel));
    expect(mean("branch")).toBeGreaterThan(mean("app") + 2);
    expect(truth.nps.plantedMeanByChannel.branch).toBeGreaterThan(
      truth.nps.plantedMeanByChannel.app ?? 99,
    );
  });

  it("names in the truth only identifiers that occur, and every identifier that occurs", () => {
    const seen = {
      userIds: new Set<string>(),
      anonymousIds: new Set<string>(),
      emails: new Set<string>(),
      phones: new Set<string>(),
      crmIds: new Set<string>(),
    };
    for (const m of messages) {
      if (m.userId) seen.userIds.add(m.userId);
      if (m.anonymousId) seen.anonymousIds.add(m.anonymousId);
      const email = normaliseEmail(m.traits?.email);
      if (email) seen.emails.add(email);
      const phone = normalisePhone(m.traits?.phone, "US");
      if (phone) seen.phones.add(phone);
      if (typeof m.traits?.crm_id === "string") seen.crmIds.add(m.traits.crm_id);
    }
    const named = {
      userIds: new Set<string>(),
      anonymousIds: new Set<string>(),
      emails: new Set<string>(),
      phones: new Set<string>(),
      crmIds: new Set<string>(),
    };
    for (const person of Object.values(truth.identity.persons)) {
      for (const key of Object.keys(named) as (keyof typeof named)[]) {
        for (const id of person[key]) {
          expect(seen[key].has(id), `${key} ${id}`).toBe(true);
          expect(named[key].has(id), `${key} ${id} named twice`).toBe(false);
          named[key].add(id);
        }
      }
    }
    const traps = truth.identity.traps;
    const trapEmails = new Set(traps.placeholderEmails.map((e) => normaliseEmail(e)));
    for (const key of Object.keys(named) as (keyof typeof named)[]) {
      for (const id of seen[key]) {
        const trap = traps.sharedAnonymousIds.includes(id) || trapEmails.has(id);
        expect(named[key].has(id) || trap, `${key} ${id} is nobody's`).toBe(true);
      }
    }
  });

  it("plants shared devices, placeholder identifiers and format variants", () => {
    const traps = truth.identity.traps;
    expect(traps.sharedDevices.length).toBeGreaterThanOrEqual(2);
    for (const device of traps.sharedDevices) {
      const users = new Set(
        messages.flatMap((m, i) => (m.context?.device?.id === device ? [personOf[i]] : [])),
      );
      expect(users.size).toBe(2);
    }
    const placeholderUsers = new Set<string>();
    messages.forEach((m, i) => {
      const email = m.traits?.email;
      if (typeof email === "string" && traps.placeholderEmails.includes(email))
        placeholderUsers.add(personOf[i] as string);
    });
    expect(placeholderUsers.size).toBeGreaterThan(10);
    expect(traps.placeholderPhones).toEqual(["0000000000"]);
    const phones = messages.flatMap((m) =>
      typeof m.traits?.phone === "string" ? [m.traits.phone] : [],
    );
    expect(phones.some((p) => /^\(\d{3}\) \d{3}-\d{4}$/.test(p))).toBe(true);
    expect(phones.some((p) => /^\+1 \d{3}-\d{3}-\d{4}$/.test(p))).toBe(true);
    expect(phones.some((p) => /^[2-9]\d{9}$/.test(p))).toBe(true);
    const emails = messages.flatMap((m) =>
      typeof m.traits?.email === "string" ? [m.traits.email] : [],
    );
    expect(emails.some((e) => e !== e.trim() && /[A-Z]/.test(e))).toBe(true);
  });

  it("makes every CRM record linkable to its person through email or phone", () => {
    const digital = new Map<string, Set<string>>();
    messages.forEach((m, i) => {
      if (m.context?.channel === "crm") return;
      const keys = [normaliseEmail(m.traits?.email), normalisePhone(m.traits?.phone, "US")];
      for (const key of keys)
        if (key) digital.set(key, (digital.get(key) ?? new Set()).add(personOf[i] as string));
    });
    let crmRecords = 0;
    messages.forEach((m, i) => {
      if (m.context?.channel !== "crm") return;
      crmRecords++;
      expect(m.userId).toBe(m.traits?.crm_id);
      const keys = [normaliseEmail(m.traits?.email), normalisePhone(m.traits?.phone, "US")];
      const linked = keys.some(
        (key) => key !== undefined && digital.get(key)?.has(personOf[i] as string),
      );
      expect(linked, JSON.stringify(m)).toBe(true);
    });
    expect(crmRecords).toBeGreaterThan(2000);
  });

  it("writes survey comments in each person's language, agreeing with the score", () => {
    const cjk = /[\u4e00-\u9fff]/;
    const languageOf = new Map<string, boolean>();
    const polarity = (type: string, s: number) => {
      const [neutral, positive] = type === "nps" ? [7, 9] : type === "csat" ? [3, 4] : [4, 6];
      return s >= positive ? "positive" : s >= neutral ? "neutral" : "negative";
    };
    const textsByPolarity = new Map<string, Set<string>>();
    messages.forEach((m, i) => {
      const comment = m.properties?.comment;
      if (!isTrack(m, "Survey Responded") || typeof comment !== "string") return;
      const chinese = cjk.test(comment);
      const person = personOf[i] as string;
      if (languageOf.has(person)) expect(languageOf.get(person)).toBe(chinese);
      languageOf.set(person, chinese);
      const bucket = polarity(String(m.properties?.survey_type), Number(m.properties?.score));
      textsByPolarity.set(bucket, (textsByPolarity.get(bucket) ?? new Set()).add(comment));
    });
    const chineseShare = [...languageOf.values()].filter(Boolean).length / languageOf.size;
    expect(chineseShare).toBeGreaterThan(0.35);
    expect(chineseShare).toBeLessThan(0.65);
    // Buckets never share a text, and each has many distinct comments in both languages.
    const [pos, neu, neg] = ["positive", "neutral", "negative"].map(
      (b) => textsByPolarity.get(b) ?? new Set<string>(),
    );
    for (const text of pos ?? []) expect(neg?.has(text) || neu?.has(text)).toBe(false);
    for (const text of neu ?? []) expect(neg?.has(text)).toBe(false);
    for (const bucket of [pos, neu, neg]) {
      const texts = [...(bucket ?? [])];
      expect(texts.filter((t) => cjk.test(t)).length).toBeGreaterThan(25);
      expect(texts.filter((t) => !cjk.test(t)).length).toBeGreaterThan(25);
    }
  });

  it("summarises counts by channel and type", () => {
    const summary = demoSummary(data);
    expect(summary.messages).toBe(messages.length);
    expect(summary.customers).toBe(3000);
    expect(summary.identifiedCustomers).toBe(truth.churn.accountHolders);
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    expect(sum(summary.byChannel)).toBe(messages.length);
    expect(sum(summary.byType)).toBe(messages.length);
    expect(summary.byChannel.crm).toBe(messages.filter((m) => m.context?.channel === "crm").length);
  });

  it("writes the messages as NDJSON and the truth as JSON", async () => {
    const small = generateDemo({ end: END, customers: 20 });
    const dir = await mkdtemp(join(tmpdir(), "journeylens-demo-"));
    try {
      const files = await writeDemoFiles(small, dir);
      const lines = (await readFile(files.messagesPath, "utf8")).trimEnd().split("\n");
      expect(lines.map((line) => JSON.parse(line))).toEqual(small.messages);
      expect(JSON.parse(await readFile(files.truthPath, "utf8"))).toEqual(small.truth);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
