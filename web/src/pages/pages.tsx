import type { ReactNode } from "react";
import type { Role } from "../api/types.ts";
import type { Filters } from "../filters/filters.ts";
import type { MessageKey } from "../i18n/en.ts";
import { ChannelKpisPage } from "./channel-kpis.tsx";
import { ConsistencyPage } from "./consistency.tsx";
import { Customer360Page } from "./customer-360.tsx";
import { EngagementPage } from "./engagement.tsx";
import { FrictionPage } from "./friction.tsx";
import { FunnelsPage } from "./funnels.tsx";
import { HeatmapPage } from "./heatmap.tsx";
import { JourneyMapPage } from "./journey-map.tsx";
import { KanoPage } from "./kano.tsx";
import { OverviewPage } from "./overview.tsx";
import { PathsPage } from "./paths.tsx";
import { RetentionPage } from "./retention.tsx";
import { SessionsPage } from "./sessions.tsx";
import { SourcesKeysPage } from "./sources-keys.tsx";
import { TasksPage } from "./tasks.tsx";
import { VoicePage } from "./voice.tsx";

export interface PageDef {
  id: string;
  path: string;
  title: MessageKey;
  group: "analyses" | "customers" | "admin";
  /** The API path the page reads: the page is listed only when the server's OpenAPI has it. */
  requires?: string;
  /** Lowest role that may open it. */
  role: Role;
  /** Whether the global filters apply. */
  filters: boolean;
  render(filters: Filters, apiPaths: Set<string> | null): ReactNode;
}

/** Every page, in navigation order. A new analysis adds one entry here. */
export const PAGES: PageDef[] = [
  {
    id: "overview",
    path: "/",
    title: "nav.overview",
    group: "analyses",
    requires: "/api/stages",
    role: "viewer",
    filters: true,
    render: (f, paths) => <OverviewPage filters={f} apiPaths={paths} />,
  },
  {
    id: "map",
    path: "/journey-map",
    title: "nav.map",
    group: "analyses",
    requires: "/api/map",
    role: "viewer",
    filters: true,
    render: (f, paths) => <JourneyMapPage filters={f} apiPaths={paths} />,
  },
  {
    id: "funnels",
    path: "/funnels",
    title: "nav.funnels",
    group: "analyses",
    requires: "/api/funnel",
    role: "viewer",
    filters: true,
    render: (f) => <FunnelsPage filters={f} />,
  },
  {
    id: "paths",
    path: "/paths",
    title: "nav.paths",
    group: "analyses",
    requires: "/api/paths",
    role: "viewer",
    filters: true,
    render: (f) => <PathsPage filters={f} />,
  },
  {
    id: "retention",
    path: "/retention",
    title: "nav.retention",
    group: "analyses",
    requires: "/api/retention",
    role: "viewer",
    filters: true,
    render: (f) => <RetentionPage filters={f} />,
  },
  {
    id: "sessions",
    path: "/sessions",
    title: "nav.sessions",
    group: "analyses",
    requires: "/api/sessions",
    role: "viewer",
    filters: true,
    render: (f) => <SessionsPage filters={f} />,
  },
  {
    id: "friction",
    path: "/friction",
    title: "nav.friction",
    group: "analyses",
    requires: "/api/breakpoints",
    role: "viewer",
    filters: true,
    render: (f) => <FrictionPage filters={f} />,
  },
  {
    id: "heatmap",
    path: "/heatmap",
    title: "nav.heatmap",
    group: "analyses",
    requires: "/api/heatmap",
    role: "viewer",
    filters: true,
    render: (f) => <HeatmapPage filters={f} />,
  },
  {
    id: "consistency",
    path: "/channel-consistency",
    title: "nav.consistency",
    group: "analyses",
    requires: "/api/gaps",
    role: "viewer",
    filters: true,
    render: (f) => <ConsistencyPage filters={f} />,
  },
  {
    id: "tasks",
    path: "/tasks",
    title: "nav.tasks",
    group: "analyses",
    requires: "/api/tasks",
    role: "viewer",
    filters: true,
    render: (f) => <TasksPage filters={f} />,
  },
  {
    id: "kpis",
    path: "/channel-kpis",
    title: "nav.kpis",
    group: "analyses",
    requires: "/api/kpis",
    role: "viewer",
    filters: true,
    render: (f) => <ChannelKpisPage filters={f} />,
  },
  {
    id: "engagement",
    path: "/engagement",
    title: "nav.engagement",
    group: "analyses",
    requires: "/api/engagement",
    role: "viewer",
    filters: true,
    render: (f) => <EngagementPage filters={f} />,
  },
  {
    id: "voice",
    path: "/voice",
    title: "nav.voice",
    group: "analyses",
    requires: "/api/feedback",
    role: "viewer",
    filters: true,
    render: (f) => <VoicePage filters={f} />,
  },
  {
    id: "kano",
    path: "/kano",
    title: "nav.kano",
    group: "analyses",
    requires: "/api/kano",
    role: "viewer",
    filters: true,
    render: (f) => <KanoPage filters={f} />,
  },
  {
    id: "customers",
    path: "/customers",
    title: "nav.customers",
    group: "customers",
    requires: "/api/profiles",
    role: "viewer",
    filters: false,
    render: () => <Customer360Page />,
  },
  {
    id: "sources",
    path: "/sources",
    title: "nav.sources",
    group: "admin",
    role: "admin",
    filters: false,
    render: () => <SourcesKeysPage />,
  },
];
