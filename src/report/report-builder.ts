import type { MapResult } from "../core/journeys/dfg-result.ts";
import type { JourneyFilters } from "../core/journeys/specs.ts";
import type { StagesResult } from "../core/journeys/stages-reference.ts";
import { profileKeySql } from "../identity/profile-key.ts";
import { runJourneyAnalysis } from "../journeys/journey-analyses.ts";
import type { Config } from "../runtime/config.ts";
import type { EventStore } from "../store/event-store.ts";
import { barChart } from "./report-charts.ts";
import type { ReportDocument, ReportSection } from "./report-document.ts";
import { formatters, type ReportLang, type ReportText, reportText } from "./report-text.ts";
import { cxSections } from "./sections/cx-sections.ts";
import { breakpointsSection, heatmapSection } from "./sections/friction-sections.ts";
import { gapsSection } from "./sections/gaps-section.ts";
import { voiceSection } from "./sections/voice-section.ts";

export interface ReportInput {
  store: EventStore;
  config: Config;
  lang: ReportLang;
  filters: Pick<JourneyFilters, "from" | "to">;
  now?: Date;
}

/** Context each section builder gets: the store, the words and the number formats. */
export interface SectionContext extends ReportInput {
  text: ReportText;
  fmt: ReturnType<typeof formatters>;
  /** Headline tiles a section adds (after the overview's). */
  tiles: ReportDocument["tiles"];
}

/** The findings report: overview tiles, then each section in order (docs/report.md). */
export async function buildReport(input: ReportInput): Promise<ReportDocument> {
  const context: SectionContext = {
    ...input,
    text: reportText(input.lang),
    fmt: formatters(input.lang),
    tiles: [],
  };
  const { text, fmt } = context;
  const overview = await overviewOf(input);
  const range =
    overview.first && overview.last
      ? `${fmt.date(overview.first)} – ${fmt.date(overview.last)}`
      : "–";
  const sections: ReportSection[] = [];
  if (overview.events === 0) {
    sections.push({ id: "empty", title: text.events, summary: "", empty: text.noData });
  } else {
    for (const build of SECTION_BUILDERS) sections.push(...(await build(context)));
  }
  return {
    lang: input.lang,
    title: text.title,
    subtitle: text.subtitle(range, fmt.date(input.now ?? new Date())),
    tiles: [
      { label: text.events, value: fmt.int(overview.events) },
      { label: text.profiles, value: fmt.int(overview.profiles) },
      { label: text.channels, value: fmt.int(overview.channels) },
      ...context.tiles,
    ],
    sections,
  };
}

type SectionBuilder = (context: SectionContext) => Promise<ReportSection[]>;

const SECTION_BUILDERS: SectionBuilder[] = [
  cxSections,
  breakpointsSection,
  heatmapSection,
  gapsSection,
  stagesSection,
  transitionsSection,
  voiceSection,
];

async function overviewOf({ store, filters }: ReportInput) {
  const profile = profileKeySql(store.dialect, "e");
  const where: string[] = [];
  const values: unknown[] = [];
  if (filters.from) {
    values.push(filters.from);
    where.push(`e.timestamp >= ${store.dialect.timestampParam(`$${values.length}`)}`);
  }
  if (filters.to) {
    values.push(filters.to);
    where.push(`e.timestamp < ${store.dialect.timestampParam(`$${values.length}`)}`);
  }
  const [row] = await store.query(
    `SELECT count(*) AS events, count(DISTINCT ${profile.key}) AS profiles,
       count(DISTINCT e.channel) AS channels, min(e.timestamp) AS first, max(e.timestamp) AS last
     FROM events e ${profile.join} ${where.length ? `WHERE ${where.join(" AND ")}` : ""}`,
    values,
  );
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)));
  return {
    events: Number(row?.events ?? 0),
    profiles: Number(row?.profiles ?? 0),
    channels: Number(row?.channels ?? 0),
    first: row?.first instanceof Date ? row.first : date(row?.first),
    last: row?.last instanceof Date ? row.last : date(row?.last),
  };
}

async function stagesSection(c: SectionContext): Promise<ReportSection[]> {
  const result = (await runJourneyAnalysis("stages", c.store, c.config.journeys, {
    body: { ...c.filters },
  })) as StagesResult;
  const total = result.stages.reduce((n, s) => n + s.furthest, 0);
  if (total === 0) return [];
  const top = [...result.stages].sort((a, b) => b.furthest - a.furthest)[0];
  const name = (stage: string) => c.text.stageNames[stage] ?? stage;
  return [
    {
      id: "stages",
      title: c.text.stagesTitle,
      summary: top ? c.text.stagesSummary(name(top.stage), c.fmt.pct(top.furthest / total)) : "",
      chart: barChart({
        labels: result.stages.map((s) => name(s.stage)),
        values: result.stages.map((s) => s.profiles),
        format: c.fmt.int,
      }),
      table: {
        columns: [c.text.stage, c.text.reached, c.text.furthest],
        rows: result.stages.map((s) => [
          name(s.stage),
          c.fmt.int(s.profiles),
          c.fmt.int(s.furthest),
        ]),
      },
    },
  ];
}

async function transitionsSection(c: SectionContext): Promise<ReportSection[]> {
  const map = (await runJourneyAnalysis("map", c.store, c.config.journeys, {
    body: { ...c.filters, activity: "channel_event", maxEdges: 10, variants: 1 },
  })) as MapResult;
  const edges = map.edges.slice(0, 10);
  const first = edges[0];
  if (!first) return [];
  return [
    {
      id: "transitions",
      title: c.text.transitionsTitle,
      summary: c.text.transitionsSummary(first.from, first.to, c.fmt.int(first.count)),
      table: {
        columns: [c.text.from, c.text.to, c.text.times, c.text.customers, c.text.medianTime],
        rows: edges.map((e) => [
          e.from,
          e.to,
          c.fmt.int(e.count),
          c.fmt.int(e.profiles),
          c.fmt.duration(e.medianMs),
        ]),
      },
    },
  ];
}
