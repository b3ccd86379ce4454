import type { MapResult } from "../api/types.ts";
import { COLORS, type EChartsOption, escapeHtml } from "../charts/echarts.ts";
import { forceLayout, type Point } from "./graph-layout.ts";

/**
 * The directly-follows graph as an ECharts graph: node size by events, edge width by
 * transitions. Stages sit in journey order left to right; events are laid out by force
 * (computed once per answer).
 * Nodes in `highlight` (friction) are drawn in the warning colour.
 */
export function journeyMapOption(
  map: MapResult,
  options: {
    name(activity: string): string;
    stageOrder: readonly string[];
    selected?: string;
    highlight?: ReadonlySet<string>;
  },
): EChartsOption {
  const edges = map.edges.filter((e) => e.from !== e.to);
  const used = new Set(edges.flatMap((e) => [e.from, e.to]));
  const activities = map.activities.filter((a) => used.has(a.name) || map.edges.length === 0);
  const maxCount = Math.max(1, ...activities.map((a) => a.count));
  const maxEdge = Math.max(1, ...edges.map((e) => e.count));
  const ordered = map.activity === "stage";
  const placed = ordered
    ? undefined
    : layoutOf(
        map,
        activities.map((a) => a.name),
        edges,
      );
  const nodes = activities.map((a) => {
    const index = options.stageOrder.indexOf(a.name);
    const warn = options.highlight?.has(a.name) ?? false;
    return {
      id: a.name,
      name: options.name(a.name),
      value: a.count,
      symbolSize: (ordered ? 14 : 8) + (ordered ? 40 : 22) * Math.sqrt(a.count / maxCount),
      // Stages left to right, alternately high and low so the arrows between them stay apart.
      ...(ordered
        ? { x: index * 200, y: index % 2 === 0 ? 0 : 120 }
        : { x: placed?.get(a.name)?.x ?? 0, y: placed?.get(a.name)?.y ?? 0 }),
      itemStyle: {
        color: warn ? COLORS.warning : COLORS.primary,
        borderColor: a.name === options.selected ? "#0f172a" : "#fff",
        borderWidth: a.name === options.selected ? 3 : 1,
      },
      label: { show: true },
    };
  });
  return {
    tooltip: {
      formatter: (p: {
        dataType?: string;
        data?: { name?: string; value?: number; source?: string; target?: string };
      }) =>
        p.dataType === "edge"
          ? `${escapeHtml(options.name(p.data?.source ?? ""))} → ${escapeHtml(options.name(p.data?.target ?? ""))}: ${p.data?.value}`
          : `${escapeHtml(p.data?.name ?? "")}: ${p.data?.value}`,
    },
    series: [
      {
        type: "graph",
        // Positions computed here (graph-layout.ts): the same picture on every visit, and a
        // change of colour (friction arriving, a node selected) moves nothing.
        layout: "none",
        roam: true,
        data: nodes,
        links: edges.map((e) => ({
          source: e.from,
          target: e.to,
          value: e.count,
          lineStyle: {
            width: 1 + 7 * (e.count / maxEdge),
            opacity: 0.55,
            curveness: 0.2,
            color: options.highlight?.has(e.to) ? COLORS.warning : COLORS.muted,
          },
        })),
        edgeSymbol: ["none", "arrow"],
        edgeSymbolSize: 8,
        label: { position: "right", fontSize: 11 },
        emphasis: { focus: "adjacency" },
        // Room for the labels right of the nodes at the box's edge.
        left: 24,
        right: ordered ? 24 : 110,
        top: 24,
        bottom: 24,
      },
    ],
  };
}

// One layout per API answer: re-renders for a selection or highlights reuse it.
const layouts = new WeakMap<MapResult, Map<string, Point>>();
function layoutOf(map: MapResult, names: string[], edges: MapResult["edges"]): Map<string, Point> {
  let placed = layouts.get(map);
  if (!placed) {
    placed = forceLayout(
      names,
      edges.map((e) => ({ from: e.from, to: e.to, weight: e.count })),
    );
    layouts.set(map, placed);
  }
  return placed;
}
