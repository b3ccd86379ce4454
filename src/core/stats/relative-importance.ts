/**
 * Relative importance of predictors in a linear regression by Shapley value decomposition of
 * R² (Lipovetsky & Conklin 2001; the LMG measure of Lindeman, Merenda & Gold 1980): each
 * predictor's share of R² is its marginal R² gain averaged over every order of entry into the
 * model. The shares add up to the full model's R². Exact: all 2^p subsets are fitted (from
 * the correlation matrix), so p is limited to `MAX_PREDICTORS`.
 */
export const MAX_PREDICTORS = 12;

export interface RelativeImportance {
  n: number;
  /** R² of the full model. */
  r2: number;
  /** Shapley share of R² per predictor (sums to r2). */
  shapley: number[];
  /** Shapley shares divided by R² (sum to 1; all 0 when R² is 0). */
  weights: number[];
  /** Standardised coefficients of the full model (the direction of each driver). */
  beta: number[];
}

/** Pearson correlation matrix of the columns (constant columns correlate 0 with everything). */
export function correlationMatrix(columns: readonly (readonly number[])[]): number[][] {
  const n = columns[0]?.length ?? 0;
  const centred = columns.map((column) => {
    const mean = column.reduce((s, v) => s + v, 0) / n;
    return column.map((v) => v - mean);
  });
  const norms = centred.map((c) => Math.sqrt(c.reduce((s, v) => s + v * v, 0)));
  return centred.map((a, i) =>
    centred.map((b, j) => {
      if (i === j) return 1;
      const denominator = (norms[i] as number) * (norms[j] as number);
      if (denominator === 0) return 0;
      let dot = 0;
      for (let k = 0; k < n; k++) dot += (a[k] as number) * (b[k] as number);
      return dot / denominator;
    }),
  );
}

/**
 * Solves A·x = b by Gaussian elimination with partial pivoting. A (near-)singular matrix — a
 * predictor that is a combination of others — gets a tiny ridge so the answer stays finite.
 */
export function solve(matrix: readonly (readonly number[])[], rhs: readonly number[]): number[] {
  const size = rhs.length;
  const ridge = 1e-10;
  const a = matrix.map((row, i) => [...row.map((v, j) => v + (i === j ? ridge : 0)), rhs[i] ?? 0]);
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) {
      if (Math.abs(a[r]?.[col] ?? 0) > Math.abs(a[pivot]?.[col] ?? 0)) pivot = r;
    }
    [a[col], a[pivot]] = [a[pivot] as number[], a[col] as number[]];
    const p = a[col] as number[];
    const lead = p[col] as number;
    if (Math.abs(lead) < 1e-14) continue;
    for (let r = 0; r < size; r++) {
      if (r === col) continue;
      const row = a[r] as number[];
      const factor = (row[col] as number) / lead;
      if (factor === 0) continue;
      for (let c = col; c <= size; c++) row[c] = (row[c] as number) - factor * (p[c] as number);
    }
  }
  return a.map((row, i) => {
    const lead = row[i] as number;
    return Math.abs(lead) < 1e-14 ? 0 : (row[size] as number) / lead;
  });
}

/** R² of regressing y on the predictors in `subset`, from the correlation matrix (y last). */
function subsetR2(r: readonly (readonly number[])[], subset: readonly number[], y: number): number {
  if (subset.length === 0) return 0;
  const rxx = subset.map((i) => subset.map((j) => r[i]?.[j] ?? 0));
  const rxy = subset.map((i) => r[i]?.[y] ?? 0);
  const beta = solve(rxx, rxy);
  const r2 = beta.reduce((s, b, k) => s + b * (rxy[k] as number), 0);
  return Math.min(1, Math.max(0, r2));
}

const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));

/** Shapley decomposition of R² for predictors `x` (one array per predictor) and outcome `y`. */
export function shapleyRegression(
  x: readonly (readonly number[])[],
  y: readonly number[],
): RelativeImportance {
  const p = x.length;
  if (p < 1 || p > MAX_PREDICTORS) {
    throw new RangeError(`Shapley regression takes 1 to ${MAX_PREDICTORS} predictors, got ${p}`);
  }
  if (x.some((column) => column.length !== y.length)) {
    throw new RangeError("every predictor needs one value per observation");
  }
  const r = correlationMatrix([...x, y]);
  const r2Of = new Float64Array(1 << p);
  for (let mask = 1; mask < 1 << p; mask++) {
    const subset = [...Array(p).keys()].filter((i) => mask & (1 << i));
    r2Of[mask] = subsetR2(r, subset, p);
  }
  const weightOf = (size: number) => (factorial(size) * factorial(p - size - 1)) / factorial(p);
  const shapley = [...Array(p).keys()].map((i) => {
    let total = 0;
    for (let mask = 0; mask < 1 << p; mask++) {
      if (mask & (1 << i)) continue;
      const size = popcount(mask);
      total += weightOf(size) * ((r2Of[mask | (1 << i)] as number) - (r2Of[mask] as number));
    }
    return total;
  });
  const full = r2Of[(1 << p) - 1] as number;
  const all = [...Array(p).keys()];
  return {
    n: y.length,
    r2: full,
    shapley,
    weights: shapley.map((s) => (full > 0 ? s / full : 0)),
    beta: solve(
      all.map((i) => all.map((j) => r[i]?.[j] ?? 0)),
      all.map((i) => r[i]?.[p] ?? 0),
    ),
  };
}

function popcount(mask: number): number {
  let count = 0;
  for (let m = mask; m; m &= m - 1) count++;
  return count;
}
