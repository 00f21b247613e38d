/**
 * The first `k` items in `compare` order. A page near the top of many hits
 * needs no full sort: keep the best k in a sorted buffer.
 */
export function firstSorted<T>(items: T[], k: number, compare: (a: T, b: T) => number): T[] {
  if (k >= items.length / 4) return items.sort(compare).slice(0, k);
  const best: T[] = [];
  for (const item of items) {
    const last = best[best.length - 1];
    if (best.length === k && last !== undefined && compare(item, last) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = best[mid];
      if (m !== undefined && compare(m, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, item);
    if (best.length > k) best.pop();
  }
  return best;
}
