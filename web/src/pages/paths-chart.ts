import type { PathsResult } from "../api/types.ts";
import { colorOf, type EChartsOption, escapeHtml } from "../charts/echarts.ts";

/** The paths as a Sankey; flows of fewer than `minShare` of the profiles are left out. */
export function pathsSankeyOption(
  result: PathsResult,
  options: { minShare: number; ellipsis: string },
): EChartsOption {
  const min = Math.max(1, Math.ceil(result.profiles * options.minShare));
  const links = result.links.filter((l) => l.profiles >= min);
  const linked = new Set(links.flatMap((l) => [l.source, l.target]));
  const nodes = result.nodes.filter((n) => linked.has(n.id));
  const eventOf = (id: string) => id.slice(id.indexOf(":") + 1);
  return {
    tooltip: {
      trigger: "item",
      formatter: (p: {
        dataType?: string;
        data?: { source?: string; target?: string; value?: number };
        name?: string;
        value?: number;
      }) =>
        p.dataType === "edge"
          ? `${escapeHtml(eventOf(p.data?.source ?? ""))} → ${escapeHtml(eventOf(p.data?.target ?? ""))}: ${p.data?.value}`
          : `${escapeHtml(eventOf(p.name ?? ""))}: ${p.value}`,
    },
    series: [
      {
        type: "sankey",
        left: 8,
        right: 140,
        top: 8,
        bottom: 8,
        nodeGap: 6,
        nodeAlign: "left",
        layoutIterations: 16,
        emphasis: { focus: "adjacency" },
        data: nodes.map((n) => ({
          name: n.id,
          value: n.profiles,
          itemStyle: { color: colorOf(n.name) },
        })),
        links: links.map((l) => ({ source: l.source, target: l.target, value: l.profiles })),
        label: {
          fontSize: 11,
          formatter: (p: { name: string }) => {
            const name = eventOf(p.name);
            return name.length > 24 ? `${name.slice(0, 23)}${options.ellipsis}` : name;
          },
        },
        lineStyle: { color: "gradient", opacity: 0.35 },
      },
    ],
  };
}
