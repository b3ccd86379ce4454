/** A node's place in the plane. */
export interface Point {
  x: number;
  y: number;
}

/**
 * A deterministic force-directed layout (Fruchterman–Reingold): linked nodes pull together,
 * every pair pushes apart, the moves cool down over the iterations. The same graph always gets
 * the same picture, and the chart only draws it (ECharts fits the positions into its box), so
 * recolouring nodes — friction highlights arriving after the graph — moves nothing. A pull
 * to the centre keeps parts of the graph and unlinked nodes near the rest. `aspect` is the
 * box's width / height. O(iterations · n²): ~15 ms for 40 nodes, ~35 ms for 70.
 */
export function forceLayout(
  nodes: readonly string[],
  edges: readonly { from: string; to: string; weight: number }[],
  options: { aspect?: number; iterations?: number } = {},
): Map<string, Point> {
  const n = nodes.length;
  const aspect = options.aspect ?? 1.6;
  const iterations = options.iterations ?? 300;
  const index = new Map(nodes.map((name, i) => [name, i]));
  // Start on a circle in the given order (the busiest nodes first, near each other).
  const x = nodes.map((_, i) => aspect * Math.cos((2 * Math.PI * i) / Math.max(1, n)));
  const y = nodes.map((_, i) => Math.sin((2 * Math.PI * i) / Math.max(1, n)));
  const maxWeight = Math.max(1, ...edges.map((e) => e.weight));
  const links = edges.flatMap((e) => {
    const a = index.get(e.from);
    const b = index.get(e.to);
    return a === undefined || b === undefined || a === b
      ? []
      : [{ a, b, w: 0.5 + e.weight / maxWeight }];
  });
  const k = Math.sqrt((4 * aspect) / Math.max(1, n)); // ideal distance in the 2·aspect × 2 box
  const dx = new Float64Array(n);
  const dy = new Float64Array(n);
  for (let step = 0; step < iterations; step++) {
    const temperature = 0.1 * aspect * (1 - step / iterations);
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ddx = (x[i] as number) - (x[j] as number);
        let ddy = (y[i] as number) - (y[j] as number);
        let d2 = ddx * ddx + ddy * ddy;
        if (d2 < 1e-9) {
          // Two nodes on the same spot: part them along a fixed direction.
          ddx = 1e-3 * (1 + (i % 3));
          ddy = 1e-3 * (1 + (j % 3));
          d2 = ddx * ddx + ddy * ddy;
        }
        const force = (k * k) / d2;
        dx[i] = (dx[i] as number) + ddx * force;
        dy[i] = (dy[i] as number) + ddy * force;
        dx[j] = (dx[j] as number) - ddx * force;
        dy[j] = (dy[j] as number) - ddy * force;
      }
    }
    for (const { a, b, w } of links) {
      const ddx = (x[a] as number) - (x[b] as number);
      const ddy = (y[a] as number) - (y[b] as number);
      const d = Math.sqrt(ddx * ddx + ddy * ddy) || 1e-6;
      const force = (w * d) / k;
      dx[a] = (dx[a] as number) - ddx * force;
      dy[a] = (dy[a] as number) - ddy * force;
      dx[b] = (dx[b] as number) + ddx * force;
      dy[b] = (dy[b] as number) + ddy * force;
    }
    for (let i = 0; i < n; i++) {
      // Gravity to the centre holds unlinked nodes and parts of the graph together.
      dx[i] = (dx[i] as number) - (GRAVITY * (x[i] as number)) / aspect;
      dy[i] = (dy[i] as number) - GRAVITY * (y[i] as number);
      const d = Math.sqrt((dx[i] as number) ** 2 + (dy[i] as number) ** 2) || 1;
      const move = Math.min(d, temperature);
      x[i] = (x[i] as number) + ((dx[i] as number) / d) * move;
      y[i] = (y[i] as number) + ((dy[i] as number) / d) * move;
    }
  }
  return new Map(nodes.map((name, i) => [name, { x: x[i] as number, y: y[i] as number }]));
}

const GRAVITY = 1;
