/**
 * Benjamini–Hochberg adjusted p-values (q-values), in the input order: reject where q < α to
 * control the false discovery rate at α.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => y.p - x.p);
  const q = new Array<number>(m);
  let running = 1;
  order.forEach(({ p, i }, k) => {
    const rank = m - k;
    running = Math.min(running, (p * m) / rank);
    q[i] = Math.min(1, running);
  });
  return q;
}
