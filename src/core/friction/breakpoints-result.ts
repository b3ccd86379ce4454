import { foldSequences } from "./breakpoint-fold.ts";
import { significantSequences } from "./breakpoint-stats.ts";
import type { NgramCount, NgramCounts } from "./ngram-reference.ts";
import type { BreakpointsSpec, Outcome } from "./specs.ts";
import { type Step, sequenceLabel } from "./step.ts";

/** Counts of the sequences tested: what the n-gram SQL returns in `tested` mode. */
export interface TestedCounts {
  profiles: number;
  badProfiles: number;
  /** Sequences that met the support threshold. */
  tested: number;
  /** The over-represented ones among them. */
  grams: NgramCount[];
}

/** The support threshold: max(minProfiles, ⌈minSupport × profiles⌉). */
export const supportThreshold = (
  spec: Pick<BreakpointsSpec, "minProfiles" | "minSupport">,
  profiles: number,
) => Math.max(spec.minProfiles, Math.ceil(spec.minSupport * profiles));

/** What `tested` mode keeps of all the counts (the reference of its WHERE clause). */
export function testedCounts(
  counts: NgramCounts,
  spec: Pick<BreakpointsSpec, "minProfiles" | "minSupport">,
): TestedCounts {
  const threshold = supportThreshold(spec, counts.profiles);
  const tested = counts.grams.filter((g) => g.profiles >= threshold);
  const others = counts.profiles - counts.badProfiles;
  return {
    profiles: counts.profiles,
    badProfiles: counts.badProfiles,
    tested: tested.length,
    grams: tested.filter((g) => g.bad * others > (g.profiles - g.bad) * counts.badProfiles),
  };
}

export interface BreakpointFinding {
  rank: number;
  steps: Step[];
  label: string;
  badProfiles: number;
  otherProfiles: number;
  shareOfBad: number;
  shareOfOthers: number;
  lift: number;
  pValue: number;
  qValue: number;
  impact: number;
  /**
   * Bad-outcome profiles that went through it, with an identifier to look each up by
   * (`journeylens profile IDENTIFIER`, `GET /api/profiles/{identifier}`).
   */
  examples: { profileId: string; identifier: string | null }[];
  context: Step[] | null;
  foldedCount: number;
  folded: { steps: Step[]; badProfiles: number; lift: number }[];
}

export interface BreakpointsResult {
  outcome: Outcome;
  profiles: number;
  badProfiles: number;
  otherProfiles: number;
  /** Share of the profiles with the bad outcome. */
  badRate: number;
  /** Sequences that met the support threshold (hypotheses tested). */
  tested: number;
  /** Significant sequences before folding. */
  significant: number;
  findings: BreakpointFinding[];
  settings: {
    maxLength: number;
    collapseRepeats: boolean;
    supportThreshold: number;
    minLift: number;
    alpha: number;
    foldCoverage: number;
  };
}

/** Significance, folding, ranking (by impact) and the top `limit` findings. */
export function breakpointsResult(
  counts: TestedCounts,
  spec: BreakpointsSpec,
  outcome: Outcome,
  failureEvents: readonly string[],
): BreakpointsResult {
  const significant = significantSequences(counts.grams, counts, {
    tested: counts.tested,
    alpha: spec.alpha,
    minLift: spec.minLift,
  });
  const folded = foldSequences(significant, {
    coverage: spec.foldCoverage,
    alpha: spec.alpha,
    failureEvents,
  });
  const others = counts.profiles - counts.badProfiles;
  return {
    outcome,
    profiles: counts.profiles,
    badProfiles: counts.badProfiles,
    otherProfiles: others,
    badRate: counts.profiles > 0 ? counts.badProfiles / counts.profiles : 0,
    tested: counts.tested,
    significant: significant.length,
    findings: folded.slice(0, spec.limit).map((f, i) => ({
      rank: i + 1,
      steps: f.steps,
      label: sequenceLabel(f.steps),
      badProfiles: f.badProfiles,
      otherProfiles: f.otherProfiles,
      shareOfBad: f.shareOfBad,
      shareOfOthers: f.shareOfOthers,
      lift: f.lift,
      pValue: f.pValue,
      qValue: f.qValue,
      impact: f.impact,
      examples: f.examples.map((profileId) => ({ profileId, identifier: null })),
      context: f.context,
      foldedCount: f.foldedCount,
      folded: f.folded,
    })),
    settings: {
      maxLength: spec.maxLength,
      collapseRepeats: spec.collapseRepeats,
      supportThreshold: supportThreshold(spec, counts.profiles),
      minLift: spec.minLift,
      alpha: spec.alpha,
      foldCoverage: spec.foldCoverage,
    },
  };
}

/** Names the example profiles by an identifier (see `profileIdentifiers`). */
export function withIdentifiers(
  result: BreakpointsResult,
  identifiers: ReadonlyMap<string, string>,
): BreakpointsResult {
  return {
    ...result,
    findings: result.findings.map((f) => ({
      ...f,
      examples: f.examples.map((e) => ({ ...e, identifier: identifiers.get(e.profileId) ?? null })),
    })),
  };
}
