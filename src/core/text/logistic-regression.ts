/**
 * L2-regularised binary logistic regression over sparse binary features, trained by full-batch
 * Adam for a fixed number of steps: no randomness, so the same data always gives the same
 * weights (the shipped model can be rebuilt and compared byte for byte).
 */

export interface LabelledFeatures {
  features: readonly string[];
  /** 1 positive, 0 negative. */
  label: 0 | 1;
}

export interface LogisticOptions {
  /** L2 penalty on the weights (not the bias), per sample. */
  l2: number;
  steps: number;
  learningRate: number;
  /** Features seen in fewer training samples are dropped. */
  minCount: number;
}

export const DEFAULT_LOGISTIC: LogisticOptions = {
  l2: 1e-3,
  steps: 300,
  learningRate: 0.05,
  minCount: 2,
};

export interface LinearWeights {
  bias: number;
  weights: Record<string, number>;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Distinct features of a sample, as indexes into the vocabulary (unknown ones dropped). */
function indexes(features: readonly string[], vocabulary: Map<string, number>): number[] {
  const seen = new Set<number>();
  for (const f of features) {
    const i = vocabulary.get(f);
    if (i !== undefined) seen.add(i);
  }
  return [...seen];
}

function buildVocabulary(samples: readonly LabelledFeatures[], minCount: number) {
  const counts = new Map<string, number>();
  for (const s of samples)
    for (const f of new Set(s.features)) counts.set(f, (counts.get(f) ?? 0) + 1);
  const names = [...counts.entries()]
    .filter(([, n]) => n >= minCount)
    .map(([f]) => f)
    .sort();
  return new Map(names.map((f, i) => [f, i]));
}

/** Linear score z = bias + Σ weights of the distinct features present. */
export function linearScore(model: LinearWeights, features: readonly string[]): number {
  let z = model.bias;
  for (const f of new Set(features)) z += model.weights[f] ?? 0;
  return z;
}

export function trainLogistic(
  samples: readonly LabelledFeatures[],
  options: Partial<LogisticOptions> = {},
): LinearWeights {
  const o = { ...DEFAULT_LOGISTIC, ...options };
  const vocabulary = buildVocabulary(samples, o.minCount);
  const rows = samples.map((s) => indexes(s.features, vocabulary));
  const d = vocabulary.size;
  const n = samples.length;
  // Parameter d is the bias; Adam moments per parameter.
  const w = new Float64Array(d + 1);
  const m = new Float64Array(d + 1);
  const v = new Float64Array(d + 1);
  const grad = new Float64Array(d + 1);
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  for (let step = 1; step <= o.steps; step++) {
    grad.fill(0);
    for (let r = 0; r < n; r++) {
      const row = rows[r] as number[];
      let z = w[d] as number;
      for (const i of row) z += w[i] as number;
      const error = sigmoid(z) - (samples[r] as LabelledFeatures).label;
      for (const i of row) grad[i] = (grad[i] as number) + error;
      grad[d] = (grad[d] as number) + error;
    }
    for (let i = 0; i <= d; i++) {
      const g = (grad[i] as number) / n + (i < d ? o.l2 * (w[i] as number) : 0);
      m[i] = beta1 * (m[i] as number) + (1 - beta1) * g;
      v[i] = beta2 * (v[i] as number) + (1 - beta2) * g * g;
      const mHat = (m[i] as number) / (1 - beta1 ** step);
      const vHat = (v[i] as number) / (1 - beta2 ** step);
      w[i] = (w[i] as number) - (o.learningRate * mHat) / (Math.sqrt(vHat) + eps);
    }
  }
  const weights: Record<string, number> = {};
  for (const [f, i] of vocabulary) {
    const value = w[i] as number;
    // Rounded so the shipped JSON stays small; 1e-4 is far below any decision that matters.
    if (Math.abs(value) >= 1e-4) weights[f] = Math.round(value * 1e4) / 1e4;
  }
  return { bias: Math.round((w[d] as number) * 1e4) / 1e4, weights };
}
