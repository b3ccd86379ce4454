import { compareText } from "./journey-log.ts";
import type { PathsSpec } from "./specs.ts";

/** One distinct path and how many profiles took it (per comparison group too). */
export interface PathCount {
  /** Event names in journey order (for paths to an end event, the end event is last). */
  path: string[];
  profiles: number;
  /** With a comparison: profiles of each of the two groups that took this path. */
  groups?: [number, number];
}

export interface SankeyNode {
  /** `position:name`; position 0 is the anchor, negative before it (paths to an end event). */
  id: string;
  name: string;
  position: number;
  profiles: number;
}

export interface PathsResult {
  anchor: "start" | "end" | "dropOff" | "first";
  depth: number;
  profiles: number;
  paths: { path: string[]; profiles: number; share: number }[];
  nodes: SankeyNode[];
  links: { source: string; target: string; profiles: number }[];
  comparison?: {
    groups: [string, string];
    profiles: [number, number];
    paths: {
      path: string[];
      profiles: [number, number];
      share: [number | null, number | null];
      difference: number | null;
    }[];
  };
}

const key = (path: string[]) => path.join("\u001f");
const byCountThenPath = (a: PathCount, b: PathCount) =>
  b.profiles - a.profiles || compareText(key(a.path), key(b.path));

export function pathsAnchor(spec: PathsSpec): PathsResult["anchor"] {
  if (spec.start !== undefined) return "start";
  if (spec.end !== undefined) return "end";
  if (spec.dropOff !== undefined) return "dropOff";
  return "first";
}

/** Top paths, Sankey nodes and links (from all paths), and the group comparison. */
export function pathsResult(
  spec: PathsSpec,
  counts: PathCount[],
  groupNames?: [string, string],
): PathsResult {
  const anchor = pathsAnchor(spec);
  const total = counts.reduce((sum, c) => sum + c.profiles, 0);
  const sorted = [...counts].sort(byCountThenPath);
  const nodes = new Map<string, SankeyNode>();
  const links = new Map<string, { source: string; target: string; profiles: number }>();
  for (const { path, profiles } of counts) {
    const offset = anchor === "end" ? 1 - path.length : 0;
    const ids = path.map((name, i) => {
      const position = i + offset;
      const id = `${position}:${name}`;
      const node = nodes.get(id) ?? { id, name, position, profiles: 0 };
      node.profiles += profiles;
      nodes.set(id, node);
      return id;
    });
    for (let i = 1; i < ids.length; i++) {
      const linkKey = `${ids[i - 1]}\u001f${ids[i]}`;
      const link = links.get(linkKey) ?? {
        source: ids[i - 1] as string,
        target: ids[i] as string,
        profiles: 0,
      };
      link.profiles += profiles;
      links.set(linkKey, link);
    }
  }
  const keptLinks = [...links.values()]
    .filter((l) => l.profiles >= spec.minProfiles)
    .sort(
      (a, b) =>
        b.profiles - a.profiles ||
        compareText(`${a.source}\u001f${a.target}`, `${b.source}\u001f${b.target}`),
    );
  const linked = new Set(keptLinks.flatMap((l) => [l.source, l.target]));
  const result: PathsResult = {
    anchor,
    depth: spec.depth,
    profiles: total,
    paths: sorted.slice(0, spec.limit).map((c) => ({
      path: c.path,
      profiles: c.profiles,
      share: total > 0 ? c.profiles / total : 0,
    })),
    nodes: [...nodes.values()]
      .filter((n) => n.profiles >= spec.minProfiles && (linked.has(n.id) || n.position === 0))
      .sort(
        (a, b) => a.position - b.position || b.profiles - a.profiles || compareText(a.name, b.name),
      ),
    links: keptLinks,
  };
  if (groupNames) {
    const totals: [number, number] = [0, 0];
    for (const c of counts) {
      totals[0] += c.groups?.[0] ?? 0;
      totals[1] += c.groups?.[1] ?? 0;
    }
    const share = (n: number, of: number) => (of > 0 ? n / of : null);
    const compared = counts
      .filter((c) => (c.groups?.[0] ?? 0) + (c.groups?.[1] ?? 0) > 0)
      .map((c) => {
        const profiles: [number, number] = [c.groups?.[0] ?? 0, c.groups?.[1] ?? 0];
        const shares: [number | null, number | null] = [
          share(profiles[0], totals[0]),
          share(profiles[1], totals[1]),
        ];
        const difference = shares[0] === null || shares[1] === null ? null : shares[0] - shares[1];
        return { path: c.path, profiles, share: shares, difference };
      })
      .sort(
        (a, b) =>
          Math.abs(b.difference ?? 0) - Math.abs(a.difference ?? 0) ||
          b.profiles[0] + b.profiles[1] - (a.profiles[0] + a.profiles[1]) ||
          compareText(key(a.path), key(b.path)),
      );
    result.comparison = {
      groups: groupNames,
      profiles: totals,
      paths: compared.slice(0, spec.limit),
    };
  }
  return result;
}
