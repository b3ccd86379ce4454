import type { RetentionResult, StagesResult } from "../api/types.ts";

export interface OverviewKpis {
  activeCustomers: number;
  activeTrend: number[];
  purchaseProfiles: number;
  purchaseConversion: number | null;
  purchaseTrend: number[];
  loyaltyShare: number | null;
  week1Retention: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * The overview's journey KPIs (definitions in docs/dashboard.md). Active customers are the
 * profiles with an event in the filtered range: each is in exactly one retention cohort (that
 * of its first event), so they are the sum of the cohort sizes. Conversion is the share of them
 * that reached the purchase stage; week-1 retention pools every cohort whose week 1 has begun.
 */
export function overviewKpis(stages: StagesResult, retention: RetentionResult): OverviewKpis {
  const stage = (name: string) => stages.stages.find((s) => s.stage === name);
  const purchase = stage("purchase")?.profiles ?? 0;
  let active = 0;
  let cohortProfiles = 0;
  let returned = 0;
  for (const cohort of retention.cohorts) {
    active += cohort.profiles;
    const week1 = cohort.returned[1];
    if (week1 === null || week1 === undefined) continue;
    cohortProfiles += cohort.profiles;
    returned += week1;
  }
  return {
    activeCustomers: active,
    activeTrend: retention.active.series.map((p) => p.profiles),
    purchaseProfiles: purchase,
    purchaseConversion: ratio(purchase, active),
    purchaseTrend: stages.firstReached.filter((f) => f.stage === "purchase").map((f) => f.profiles),
    loyaltyShare: ratio(stage("loyalty")?.profiles ?? 0, active),
    week1Retention: ratio(returned, cohortProfiles),
  };
}
