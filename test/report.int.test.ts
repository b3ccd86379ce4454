import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../src/runtime/config.ts";
import { wireRuntime } from "../src/runtime/runtime.ts";
import { buildApp } from "../src/server/app.ts";
import type { EventStore } from "../src/store/event-store.ts";
import { apiHeaders } from "./support/api-auth.ts";
import { demoEvents } from "./support/demo-events.ts";
import { DIALECTS, freshStore } from "./support/stores.ts";

/** The cells of the table in the report section with this id. */
function tableOf(html: string, id: string): string[][] {
  const section = html.split(`<section id="${id}">`)[1]?.split("</section>")[0] ?? "";
  const body = section.split("<tbody>")[1]?.split("</tbody>")[0] ?? "";
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? "").matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((cell) => cell[1] ?? ""),
  );
}

const plain = (text: string) => Number(text.replace(/[,\s]/g, ""));

for (const dialect of DIALECTS) {
  describe(`findings report on ${dialect}`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    let app: Awaited<ReturnType<typeof buildApp>>;
    let headers: Record<string, string>;
    const events = demoEvents({ customers: 150 });

    beforeAll(async () => {
      ({ store, cleanup } = await freshStore(dialect));
      const runtime = wireRuntime(parseConfig({ identity: { updates: "off" } }), store);
      await store.insertEvents(events);
      app = await buildApp(runtime);
      headers = await apiHeaders(runtime, "viewer");
    });
    afterAll(async () => {
      await app.close();
      await cleanup();
    });

    it("is one self-contained page whose figures equal the API's", async () => {
      const response = await app.inject({ method: "GET", url: "/api/report", headers });
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toMatch(/text\/html/);
      const html = response.body;
      // Nothing is fetched when the file is opened: no scripts, no external links or images.
      // (SVG's own url(#id) references stay inside the page.)
      expect(html).not.toMatch(/<script|<link|<img|src=|href="?http|url\((?!#)/i);
      expect(html).toContain("<svg");
      expect(html).toContain(`<b>${events.length.toLocaleString("en-US")}</b>`);

      const stages = (await app.inject({ method: "GET", url: "/api/stages", headers })).json();
      const rows = tableOf(html, "stages");
      expect(rows.map((r) => r[0])).toEqual(stages.stages.map((s: { stage: string }) => s.stage));
      expect(rows.map((r) => plain(r[1] ?? ""))).toEqual(
        stages.stages.map((s: { profiles: number }) => s.profiles),
      );

      const map = (
        await app.inject({
          method: "GET",
          url: "/api/map?activity=channel_event&maxEdges=10",
          headers,
        })
      ).json();
      const transitions = tableOf(html, "transitions");
      expect(transitions.map((r) => [r[0], r[1], plain(r[2] ?? "")])).toEqual(
        map.edges.map((e: { from: string; to: string; count: number }) => [e.from, e.to, e.count]),
      );
    });

    it("shows the API's significant channel gaps and emotion indexes", async () => {
      const html = (await app.inject({ method: "GET", url: "/api/report", headers })).body;
      const gaps = (await app.inject({ method: "GET", url: "/api/gaps", headers })).json();
      const significant = gaps.gaps.filter((g: { significant: boolean }) => g.significant);
      expect(tableOf(html, "gaps").map((r) => [r[0], r[1]])).toEqual(
        significant
          .slice(0, 8)
          .map((g: { task: string | null; channel: string }) => [g.task ?? "content", g.channel]),
      );
      if (significant.length === 0)
        expect(html).toContain("No channel differs significantly from the best channel");

      const feedback = (
        await app.inject({ method: "GET", url: "/api/feedback?texts=0", headers })
      ).json();
      const byChannel = [...feedback.emotionIndex.channel].sort(
        (a: { index: number }, b: { index: number }) => a.index - b.index,
      );
      expect(byChannel.length).toBeGreaterThan(0);
      expect(tableOf(html, "voice").map((r) => [r[0], plain(r[1] ?? ""), Number(r[2])])).toEqual(
        byChannel.map((e: { key: string; n: number; index: number }) => [
          e.key,
          e.n,
          Math.round(e.index * 10) / 10,
        ]),
      );
    });

    it("leads with the API's breakpoints and the heatmap's worst cells", async () => {
      const html = (await app.inject({ method: "GET", url: "/api/report", headers })).body;
      const breakpoints = (
        await app.inject({ method: "GET", url: "/api/breakpoints", headers })
      ).json();
      expect(tableOf(html, "breakpoints").map((r) => r[0])).toEqual(
        breakpoints.findings.slice(0, 8).map((f: { label: string }) => f.label),
      );
      const heatmap = (await app.inject({ method: "GET", url: "/api/heatmap", headers })).json();
      const worst = [...heatmap.cells]
        .sort(
          (a: { frictionScore: number }, b: { frictionScore: number }) =>
            b.frictionScore - a.frictionScore,
        )
        .slice(0, 8);
      expect(tableOf(html, "heatmap").map((r) => [r[0], r[1]])).toEqual(
        worst.map((cell: { stage: string; channel: string }) => [cell.stage, cell.channel]),
      );
    });

    it("shows the API's survey metrics, CX index and NPS by channel", async () => {
      const html = (await app.inject({ method: "GET", url: "/api/report", headers })).body;
      const cx = (
        await app.inject({ method: "GET", url: "/api/cx?by=stage,channel", headers })
      ).json();
      const tile = (label: string) =>
        html.match(new RegExp(`<span>${label}</span><b>([^<]*)</b>`))?.[1];
      const oneDecimal = (x: number) => (Math.round(x * 10) / 10).toLocaleString("en-US");
      expect(tile("NPS")).toBe(oneDecimal(cx.surveys.overall.nps.nps));
      expect(tile("CX index")).toBe(oneDecimal(cx.cxIndex.value));
      const channels = cx.surveys.breakdowns
        .find((b: { by: string }) => b.by === "channel")
        .groups.filter(
          (g: { value: string | null; metrics: { nps?: unknown } }) => g.value && g.metrics.nps,
        )
        .sort(
          (a: { metrics: { nps: { nps: number } } }, b: { metrics: { nps: { nps: number } } }) =>
            a.metrics.nps.nps - b.metrics.nps.nps,
        );
      expect(tableOf(html, "cx-channels").map((r) => [r[0], r[1]])).toEqual(
        channels.map((g: { value: string; metrics: { nps: { nps: number } } }) => [
          g.value,
          oneDecimal(g.metrics.nps.nps),
        ]),
      );
    });

    it("speaks Chinese with lang=zh and names a bad parameter", async () => {
      const zh = await app.inject({ method: "GET", url: "/api/report?lang=zh", headers });
      expect(zh.body).toContain('<html lang="zh-CN">');
      expect(zh.body).toContain("客户旅程报告");
      expect(tableOf(zh.body, "stages").map((r) => r[0])).toContain("购买");
      const bad = await app.inject({ method: "GET", url: "/api/report?lang=fr", headers });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.field).toBe("lang");
    });

    it("says so when the range has no events", async () => {
      const empty = await app.inject({
        method: "GET",
        url: "/api/report?from=2001-01-01&to=2001-02-01",
        headers,
      });
      expect(empty.statusCode).toBe(200);
      expect(empty.body).toContain("There are no events in this range yet.");
    });
  });
}
