import { overRepresentationP, type TestedSequence } from "./breakpoint-stats.ts";
import { compareSequences, isFailureStep, sequenceKey } from "./step.ts";

/** A distinct finding: its headline sequence and the significant sequences folded into it. */
export interface FoldedFinding extends TestedSequence {
  /** The longest equivalent sequence, when the headline is a part of it. */
  context: TestedSequence["steps"] | null;
  /** How many other significant sequences were folded into this finding. */
  foldedCount: number;
  /** The largest of them by impact (at most 5). */
  folded: { steps: TestedSequence["steps"]; badProfiles: number; lift: number }[];
}

export interface FoldOptions {
  /** Share (0–1) of a sequence's bad-outcome profiles a longer one must cover to absorb it. */
  coverage: number;
  /** A longer sequence stands alone only when it is riskier than its part at this level. */
  alpha: number;
  failureEvents: readonly string[];
}

/**
 * Folds redundant sub- and super-sequences so the list reads as distinct findings
 * (docs/friction.md#folding). For a significant sequence X and a significant part S of it
 * (consecutive steps):
 *
 * - S is absorbed by X when X covers at least `coverage` of S's bad-outcome profiles with at
 *   least S's lift (S is explained by X);
 * - X is absorbed by S when, among the profiles that went through S, those that also went
 *   through X were not significantly more often bad (one-sided test at `alpha`): X's extra
 *   steps add nothing.
 *
 * Sequences that absorb each other (directly or in a cycle) are one finding. A finding that
 * something else absorbs is folded into the highest-impact finding it leads to; the rest are
 * the findings. The headline of a finding: of its members nearly equal to the highest-impact
 * one (bad-outcome profiles within `coverage` either way, lift ≥ `coverage` × its lift), the
 * longest gives the context, and the headline is its part from the step before its first
 * failure step to its last failure step ("what the customer did → what failed") when that part
 * is one of those members; otherwise the longest itself.
 */
export function foldSequences(
  sequences: readonly TestedSequence[],
  options: FoldOptions,
): FoldedFinding[] {
  const index = new Map(sequences.map((s, i) => [sequenceKey(s.steps), i]));
  const edges: number[][] = sequences.map(() => []);
  sequences.forEach((x, i) => {
    for (let length = 1; length < x.steps.length; length++) {
      for (let start = 0; start + length <= x.steps.length; start++) {
        const j = index.get(sequenceKey(x.steps.slice(start, start + length)));
        if (j === undefined) continue;
        const s = sequences[j] as TestedSequence;
        if (x.badProfiles >= options.coverage * s.badProfiles && x.lift >= s.lift) {
          edges[j]?.push(i);
        }
        const riskier = overRepresentationP(
          x.badProfiles,
          s.badProfiles,
          x.otherProfiles,
          s.otherProfiles,
        );
        if (riskier >= options.alpha) edges[i]?.push(j);
      }
    }
  });
  const component = stronglyConnected(edges);
  const count = Math.max(-1, ...component) + 1;
  const members: TestedSequence[][] = Array.from({ length: count }, () => []);
  const out: Set<number>[] = Array.from({ length: count }, () => new Set());
  sequences.forEach((s, i) => {
    const c = component[i] as number;
    members[c]?.push(s);
    for (const j of edges[i] ?? []) if (component[j] !== c) out[c]?.add(component[j] as number);
  });
  const headlines = members.map((m) => headlineOf(m, options));
  // Each absorbed component goes to the highest-impact finding it leads to.
  const target: (number | undefined)[] = new Array(count);
  const targetOf = (c: number): number => {
    const known = target[c];
    if (known !== undefined) return known;
    target[c] = c; // a guard; the components form a DAG
    let best = -1;
    for (const next of out[c] ?? []) {
      const t = targetOf(next);
      if (best < 0 || byImpact(headlines[t]?.headline, headlines[best]?.headline) < 0) best = t;
    }
    target[c] = best < 0 ? c : best;
    return target[c] as number;
  };
  const folded = new Map<number, TestedSequence[]>();
  for (let c = 0; c < count; c++) {
    const t = targetOf(c);
    folded.set(t, [...(folded.get(t) ?? []), ...(members[c] ?? [])]);
  }
  const findings: FoldedFinding[] = [];
  for (const [c, all] of folded) {
    const { headline, longest } = headlines[c] as {
      headline: TestedSequence;
      longest: TestedSequence;
    };
    const others = all.filter((m) => m !== headline).sort(byImpact);
    findings.push({
      ...headline,
      context: headline === longest ? null : longest.steps,
      foldedCount: others.length,
      folded: others
        .slice(0, 5)
        .map((m) => ({ steps: m.steps, badProfiles: m.badProfiles, lift: m.lift })),
    });
  }
  return findings.sort(byImpact);
}

function byImpact(x: TestedSequence | undefined, y: TestedSequence | undefined): number {
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  return y.impact - x.impact || compareSequences(x.steps, y.steps);
}

function headlineOf(members: readonly TestedSequence[], options: FoldOptions) {
  const failures = (s: TestedSequence) =>
    s.steps.filter((step) => isFailureStep(step, options.failureEvents)).length;
  const best = [...members].sort(
    (x, y) =>
      y.impact - x.impact ||
      y.steps.length - x.steps.length ||
      failures(y) - failures(x) ||
      compareSequences(x.steps, y.steps),
  )[0] as TestedSequence;
  const near = members.filter(
    (m) =>
      m.badProfiles >= options.coverage * best.badProfiles &&
      best.badProfiles >= options.coverage * m.badProfiles &&
      m.lift >= options.coverage * best.lift,
  );
  const longest = [...near].sort(
    (x, y) =>
      y.steps.length - x.steps.length ||
      failures(y) - failures(x) ||
      y.impact - x.impact ||
      compareSequences(x.steps, y.steps),
  )[0] as TestedSequence;
  const flags = longest.steps.map((step) => isFailureStep(step, options.failureEvents));
  const first = flags.indexOf(true);
  if (first < 0) return { headline: longest, longest };
  const key = sequenceKey(longest.steps.slice(Math.max(0, first - 1), flags.lastIndexOf(true) + 1));
  return { headline: near.find((m) => sequenceKey(m.steps) === key) ?? longest, longest };
}

/** Tarjan's strongly connected components (iterative); returns each node's component. */
export function stronglyConnected(edges: readonly (readonly number[])[]): number[] {
  const n = edges.length;
  const order = new Array<number>(n).fill(-1);
  const low = new Array<number>(n).fill(0);
  const component = new Array<number>(n).fill(-1);
  const stack: number[] = [];
  const onStack = new Array<boolean>(n).fill(false);
  let counter = 0;
  let components = 0;
  for (let root = 0; root < n; root++) {
    if (order[root] !== -1) continue;
    const work: [number, number][] = [[root, 0]];
    while (work.length > 0) {
      const frame = work[work.length - 1] as [number, number];
      const [v, next] = frame;
      if (next === 0) {
        order[v] = low[v] = counter++;
        stack.push(v);
        onStack[v] = true;
      }
      const targets = edges[v] ?? [];
      if (next < targets.length) {
        frame[1] = next + 1;
        const w = targets[next] as number;
        if (order[w] === -1) work.push([w, 0]);
        else if (onStack[w]) low[v] = Math.min(low[v] as number, order[w] as number);
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low[parent[0]] = Math.min(low[parent[0]] as number, low[v] as number);
      if (low[v] === order[v]) {
        let w: number;
        do {
          w = stack.pop() as number;
          onStack[w] = false;
          component[w] = components;
        } while (w !== v);
        components++;
      }
    }
  }
  return component;
}
