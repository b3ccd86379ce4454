/**
 * The API's answers, typed from the server's own result types (one contract, in src/core and
 * src/identity): the dashboard never re-declares a payload the server defines.
 */

export type { Role } from "../../../src/core/auth/roles.ts";
export type { ProfileExplanation } from "../../../src/core/identity/explain.ts";
export type { MapResult } from "../../../src/core/journeys/dfg-result.ts";
export type { FunnelResult, FunnelStepResult } from "../../../src/core/journeys/funnel-result.ts";
export type { PathsResult } from "../../../src/core/journeys/paths-result.ts";
export type { RetentionResult } from "../../../src/core/journeys/retention-reference.ts";
export type { Segment } from "../../../src/core/journeys/segment.ts";
export type { SessionsResult } from "../../../src/core/journeys/sessions-reference.ts";
export type { StagesResult } from "../../../src/core/journeys/stages-reference.ts";
export type { Profile, ProfileMatch, TimelineEvent } from "../../../src/identity/profile-reader.ts";

import type { Role } from "../../../src/core/auth/roles.ts";

/** `GET /api/auth/me` and `POST /api/auth/login` answer `{ user }` (src/server/access.route.ts). */
export interface User {
  username: string;
  role: Role;
}

export type { EngagementResult } from "../../../src/core/cx/engagement-result.ts";
export type { KanoResult } from "../../../src/core/cx/kano.ts";
export type { KpisResult } from "../../../src/core/cx/kpis-result.ts";
export type { BreakpointsResult } from "../../../src/core/friction/breakpoints-result.ts";
export type { FrictionResult } from "../../../src/core/friction/friction-result.ts";
export type { HeatmapResult } from "../../../src/core/friction/heatmap.ts";
export type { ContinuityResult } from "../../../src/core/gaps/continuity-result.ts";
export type { Gap } from "../../../src/core/gaps/gap-analysis.ts";
export type { TasksResult } from "../../../src/core/gaps/tasks-result.ts";
export type { FeedbackResult } from "../../../src/core/text/feedback-analysis.ts";
// Analyses added by the CX, text-analytics and channel-consistency modules.
export type { CxResult } from "../../../src/cx/cx.ts";
export type { GapsResult } from "../../../src/gaps/gaps.ts";
