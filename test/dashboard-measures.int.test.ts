import { mkdirSync, readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EngagementResult } from "../src/core/cx/engagement-result.ts";
import type { KanoResult } from "../src/core/cx/kano.ts";
import type { KpisResult } from "../src/core/cx/kpis-result.ts";
import type { ContinuityResult } from "../src/core/gaps/continuity-result.ts";
import type { TasksResult } from "../src/core/gaps/tasks-result.ts";
import { en } from "../web/src/i18n/en.ts";
import { zh } from "../web/src/i18n/zh.ts";
import { createUser } from "./support/api-auth.ts";
import {
  type DashboardServer,
  launchChromium,
  openPage,
  signIn,
  startDashboardServer,
} from "./support/dashboard-harness.ts";

/**
 * The measurement pages (channel KPIs, engagement, KANO, tasks and continuity) and user
 * management, in English and Chinese, against the API's own answers on the demo data.
 */
const SHOTS = "test-results/screenshots";
const KANO_CSV = "examples/kano-answers.csv";
const LANGS = [
  { lang: "en", locale: "en-US", messages: en },
  { lang: "zh", locale: "zh-CN", messages: zh },
] as const;

// Expected text is formatted here with Intl directly, not with the dashboard's formatters.
const int = (locale: string, n: number) => new Intl.NumberFormat(locale).format(n);
const dec = (locale: string, n: number, digits: number) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
const pct = (locale: string, v: number, digits = 1) =>
  new Intl.NumberFormat(locale, {
    style: "percent",
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(v);

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? "").trim();
const column = (page: Page, table: string, col: string) =>
  page.locator(`table[data-table="${table}"] tbody [data-col=${col}]`).allTextContents();

describe("measurement pages in Chromium", () => {
  let server: DashboardServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDashboardServer({ customers: 600 });
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const { lang, locale, messages: m } of LANGS) {
    describe(`in ${lang}`, () => {
      let ctx: BrowserContext;
      let page: Page;
      const errors: string[] = [];

      beforeAll(async () => {
        ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale });
        await ctx.addInitScript(
          `localStorage.setItem("journeylens.lang", ${JSON.stringify(lang)})`,
        );
        page = await ctx.newPage();
        await signIn(page, server.url, server.login);
        page.on("pageerror", (e) => errors.push(e.message));
        page.on("console", (msg) => {
          if (msg.type() === "error") errors.push(msg.text());
        });
      });
      afterAll(async () => {
        await ctx?.close();
      });

      async function visit(path: string, id: string) {
        await openPage(page, `${server.url}${path}`);
        await page.locator("section[data-page][data-complete=true]").waitFor();
        expect(await page.getAttribute("section[data-page]", "data-state")).toBe("ready");
        await page.screenshot({ path: `${SHOTS}/${lang}-${id}.png`, fullPage: true });
        expect(
          await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"),
        ).toBe(true);
      }

      it("channel KPIs: channels, web and app, email and stages as the API computes them", async () => {
        await visit("/channel-kpis", "channel-kpis");
        const kpis = await server.api<KpisResult>("/api/kpis");
        expect(await text(page, "h1")).toBe(m["nav.kpis"]);
        expect(await column(page, "channels", "profiles")).toEqual(
          kpis.channels.map((c) => int(locale, c.profiles)),
        );
        const sessions = page.locator("table[data-table=digital] tr[data-row=sessions] td");
        expect(await sessions.allTextContents()).toEqual(
          [kpis.web, kpis.app].map((d) => int(locale, d?.sessions ?? Number.NaN)),
        );
        expect(
          await text(page, "table[data-table=email] tr[data-row=opened] td[data-col=value]"),
        ).toBe(int(locale, kpis.email.counts.opened));
        expect(await column(page, "stages", "conversion")).toEqual(
          kpis.stages.map((s) => (s.conversionRate === null ? "–" : pct(locale, s.conversionRate))),
        );
        expect(
          await text(page, "table[data-table=chat] tr[data-row=resolution] td[data-col=value]"),
        ).toBe(pct(locale, kpis.chat.resolutionRate as number));
      });

      it("engagement: distribution, parts and the score by segment as the API computes them", async () => {
        await visit("/engagement", "engagement");
        const e = await server.api<EngagementResult>("/api/engagement?by=trait:segment&limit=10");
        expect(await text(page, "[data-testid=kpi-engagement-profiles]")).toBe(
          int(locale, e.profiles),
        );
        expect(await text(page, "[data-testid=kpi-engagement-mean]")).toBe(
          dec(locale, e.distribution.mean as number, 1),
        );
        expect(await column(page, "histogram", "profiles")).toEqual(
          e.distribution.histogram.map((b) => int(locale, b.profiles)),
        );
        const groups = e.breakdowns[0]?.groups ?? [];
        expect(groups.length).toBeGreaterThan(1);
        expect(await column(page, "by-trait", "mean")).toEqual(
          groups.map((g) => dec(locale, g.meanScore, 1)),
        );
        // The histogram counts every scored customer once.
        expect(e.distribution.histogram.reduce((n, b) => n + b.profiles, 0)).toBe(e.profiles);

        // Another trait, kept in the URL.
        await page.locator("input[name=byTrait]").fill("plan");
        await page.locator("section[data-page] header form button[type=submit]").click();
        await page.waitForURL(/trait=plan/);
        await page.locator("section[data-page=engagement][data-state=ready]").waitFor();
        const byPlan = await server.api<EngagementResult>("/api/engagement?by=trait:plan&limit=10");
        await expect
          .poll(() => column(page, "by-trait", "mean"))
          .toEqual((byPlan.breakdowns[0]?.groups ?? []).map((g) => dec(locale, g.meanScore, 1)));
      });

      it("KANO: a CSV of answers gives each feature's category and better/worse", async () => {
        await visit("/kano", "kano-start");
        // The demo sends no KANO answers as events: the page says so.
        expect(await text(page, "section[data-page] .state-empty")).toBe(m["kano.noEvents"]);
        await page.locator("input[name=kanoFile]").setInputFiles(KANO_CSV);
        await page.locator("section[data-page] form button[type=submit]").click();
        await page.locator("[data-kano=file] table").waitFor();
        const expected = await server.post<KanoResult>("/api/kano", {
          csv: readFileSync(KANO_CSV, "utf8"),
        });
        expect(expected.features.length).toBe(4);
        expect(await column(page, "kano-file", "category")).toEqual(
          expected.features.map(
            (f) =>
              m[`kano.cat.${f.category}` as keyof typeof m] +
              (f.distinct ? "" : ` · ${m["kano.closeCall"]}`),
          ),
        );
        expect(await column(page, "kano-file", "better")).toEqual(
          expected.features.map((f) => dec(locale, f.better as number, 2)),
        );
        expect(await column(page, "kano-file", "worse")).toEqual(
          expected.features.map((f) => dec(locale, f.worse as number, 2)),
        );
        expect(await text(page, "[data-testid=kpi-file-respondents]")).toBe(
          int(locale, expected.respondents),
        );
        await page.screenshot({ path: `${SHOTS}/${lang}-kano.png`, fullPage: true });
      });

      it("tasks and continuity: completion by channel and switches as the API computes them", async () => {
        await visit("/tasks", "tasks");
        const { tasks } = await server.api<TasksResult>("/api/tasks");
        const task = tasks[0] as TasksResult["tasks"][number];
        const channels = task.channels.filter((c) => c.attempts > 0);
        expect(await column(page, `task-${task.task}`, "attempts")).toEqual(
          channels.map((c) => int(locale, c.attempts)),
        );
        expect(await column(page, `task-${task.task}`, "completion")).toEqual(
          channels.map((c) => {
            const ci = c.completionInterval;
            const range = ci ? ` (${pct(locale, ci.low)}–${pct(locale, ci.high)})` : "";
            return `${pct(locale, c.completionRate as number)}${range}`;
          }),
        );
        const continuity = await server.api<ContinuityResult>("/api/continuity?top=10");
        expect(await text(page, "[data-testid=kpi-continuity-switches]")).toBe(
          int(locale, continuity.switches),
        );
        expect(await column(page, "switch-pairs", "switches")).toEqual(
          continuity.pairs.map((p) => int(locale, p.switches)),
        );
        expect(
          await page
            .locator("table[data-table=task-continuity] tr[data-row=context-lost] td")
            .allTextContents(),
        ).toEqual(
          continuity.tasks.map((x) =>
            x.contextLostRate === null ? "–" : pct(locale, x.contextLostRate),
          ),
        );
      });

      it("sources & keys: an admin adds a user, who is listed with the role", async () => {
        await visit("/sources", "sources-users");
        const name = `ana-${lang}`;
        await page.locator("input[name=newUsername]").fill(name);
        await page.locator("input[name=newPassword]").fill("analyst-pass-1");
        await page.locator("select[name=newRole]").selectOption("analyst");
        await page.getByRole("button", { name: m["users.save"] }).click();
        expect(await text(page, "[data-testid=user-saved]")).toBe(
          m["users.saved"].replace("{name}", name).replace("{role}", m["role.analyst"]),
        );
        const { users } = await server.api<{ users: { username: string; role: string }[] }>(
          "/api/users",
          "admin",
        );
        expect(users.find((u) => u.username === name)?.role).toBe("analyst");
        await expect
          .poll(() => column(page, "users", "username"))
          .toEqual(users.map((u) => u.username));
      });

      it("logged no errors in the browser", () => {
        expect(errors).toEqual([]);
      });
    });
  }

  it("tells a viewer that analysing a KANO file needs the analyst role", async () => {
    await createUser(server.runtime, {
      username: "vic",
      password: "viewer-pass-1",
      role: "viewer",
    });
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await ctx.newPage();
    await signIn(page, server.url, { username: "vic", password: "viewer-pass-1" });
    await openPage(page, `${server.url}/kano`);
    expect(await page.locator("input[name=kanoFile]").count()).toBe(0);
    expect(await text(page, "section[data-page] .panel p.muted")).toBe(en["kano.needsAnalyst"]);
    await ctx.close();
  });
});
