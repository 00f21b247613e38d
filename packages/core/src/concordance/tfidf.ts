import { normalizeForSearch } from "../search/normalize.js";

/** A sparse vector: ascending keys with their weights, of unit length. */
export interface SparseVector {
  readonly keys: Uint32Array;
  readonly weights: Float64Array;
}

/** How much a bigram of the title counts against one of the text. */
export const TITLE_WEIGHT = 3;

function isHan(c: number): boolean {
  return (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff);
}

/** Counts of the Han character bigrams of `text` (normalised for search). */
export function bigramCounts(text: string): Map<number, number> {
  const into = new Map<number, number>();
  const t = normalizeForSearch(text);
  for (let i = 1; i < t.length; i++) {
    const a = t.charCodeAt(i - 1);
    const b = t.charCodeAt(i);
    if (!isHan(a) || !isHan(b)) continue;
    const key = a * 0x10000 + b;
    into.set(key, (into.get(key) ?? 0) + 1);
  }
  return into;
}

/** A task's bigram counts, title and text apart. */
export interface TaskBigrams {
  readonly title: ReadonlyMap<number, number>;
  readonly text: ReadonlyMap<number, number>;
}

/** Document frequency of each key (in title or text) over a set of tasks. */
export function documentFrequencies(docs: readonly TaskBigrams[]): Map<number, number> {
  const df = new Map<number, number>();
  for (const doc of docs) {
    for (const key of new Set([...doc.title.keys(), ...doc.text.keys()])) df.set(key, (df.get(key) ?? 0) + 1);
  }
  return df;
}

const sublinear = (tf: number): number => (tf > 0 ? 1 + Math.log(tf) : 0);

/**
 * A unit-length TF-IDF vector. The term frequency of a bigram is
 * (1 + ln tf) in the text plus TITLE_WEIGHT × (1 + ln tf) in the title (0 for
 * an absent one), times the smoothed inverse document frequency
 * ln((N + 1) / (df + 1)) + 1.
 */
export function tfidfVector(doc: TaskBigrams, df: ReadonlyMap<number, number>, docCount: number): SparseVector {
  const keys = Uint32Array.from(new Set([...doc.title.keys(), ...doc.text.keys()])).sort();
  const weights = new Float64Array(keys.length);
  let norm = 0;
  keys.forEach((key, i) => {
    const tf = sublinear(doc.text.get(key) ?? 0) + TITLE_WEIGHT * sublinear(doc.title.get(key) ?? 0);
    const idf = Math.log((docCount + 1) / ((df.get(key) ?? 0) + 1)) + 1;
    const w = tf * idf;
    weights[i] = w;
    norm += w * w;
  });
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < weights.length; i++) weights[i] = (weights[i] ?? 0) / norm;
  return { keys, weights };
}

/** Cosine similarity of two unit-length vectors, 0..1. */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.keys.length && j < b.keys.length) {
    const x = a.keys[i] ?? 0;
    const y = b.keys[j] ?? 0;
    if (x === y) {
      dot += (a.weights[i] ?? 0) * (b.weights[j] ?? 0);
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return Math.min(1, Math.max(0, dot));
}
