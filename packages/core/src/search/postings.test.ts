import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildPostingTable, decodeList, decodeListCounted, documentsWithAll, documentsWithAllCounted, findKey, intersectSorted, unionSorted } from "./postings.js";

describe("posting tables", () => {
  it("give back, for every key, exactly the documents that emitted it", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 12 }), { maxLength: 300 }), (docs) => {
        const table = buildPostingTable(docs.length, (doc, emit) => docs[doc]?.forEach(emit));
        const expected = new Map<number, number[]>();
        docs.forEach((keys, doc) => {
          for (const key of new Set(keys)) expected.set(key, [...(expected.get(key) ?? []), doc]);
        });
        expect(table.keys.length).toBe(expected.size);
        for (const [key, list] of expected) {
          const slot = findKey(table, key);
          expect(slot).toBeGreaterThanOrEqual(0);
          expect([...decodeList(table, slot)]).toEqual(list);
        }
      }),
    );
  });

  it("encode large gaps (more than one varint byte)", () => {
    const table = buildPostingTable(100_000, (doc, emit) => {
      if (doc === 3 || doc === 99_999) emit(7);
    });
    expect([...decodeList(table, findKey(table, 7))]).toEqual([3, 99_999]);
    expect(table.bytes.length).toBe(1 + 3);
  });

  it("intersect and unite sorted lists", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat(500)), fc.uniqueArray(fc.nat(500)), (a, b) => {
        const x = Uint32Array.from(a).sort();
        const y = Uint32Array.from(b).sort();
        expect([...intersectSorted(x, y)]).toEqual([...x].filter((v) => b.includes(v)));
        expect([...unionSorted(x, y)]).toEqual([...new Set([...a, ...b])].sort((p, q) => p - q));
      }),
    );
  });

  it("find no document when one of the keys is missing", () => {
    const table = buildPostingTable(3, (doc, emit) => emit(doc));
    expect([...documentsWithAll(table, [1])]).toEqual([1]);
    expect([...documentsWithAll(table, [1, 9])]).toEqual([]);
  });
});

describe("counted posting tables", () => {
  const keyLists = fc.array(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 30 }), { maxLength: 300 });

  it("give back each document's occurrences of a key, and the same documents as an uncounted table", () => {
    fc.assert(
      fc.property(keyLists, (docs) => {
        const counted = buildPostingTable(docs.length, (doc, emit) => docs[doc]?.forEach(emit), { counted: true });
        const plain = buildPostingTable(docs.length, (doc, emit) => docs[doc]?.forEach(emit));
        for (let key = 0; key <= 20; key++) {
          const slot = findKey(counted, key);
          const expected = docs.flatMap((keys, doc) => (keys.includes(key) ? [[doc, keys.filter((k) => k === key).length]] : []));
          if (expected.length === 0) {
            expect(slot).toBe(-1);
            continue;
          }
          const frequencies = new Uint32Array(expected.length);
          const list = decodeListCounted(counted, slot, frequencies);
          expect([...list].map((doc, i) => [doc, frequencies[i]])).toEqual(expected);
          expect([...decodeList(plain, findKey(plain, key))]).toEqual([...list]);
        }
      }),
    );
  });

  it("intersect several lists, keeping the fewest occurrences of any of the keys", () => {
    fc.assert(
      fc.property(keyLists, fc.uniqueArray(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 4 }), (docs, keys) => {
        const table = buildPostingTable(docs.length, (doc, emit) => docs[doc]?.forEach(emit), { counted: true });
        const expected = docs.flatMap((held, doc) =>
          keys.every((k) => held.includes(k)) ? [[doc, Math.min(...keys.map((k) => held.filter((h) => h === k).length))]] : [],
        );
        const { docs: found, frequencies } = documentsWithAllCounted(table, keys);
        expect([...found].map((doc, i) => [doc, frequencies[i]])).toEqual(expected);
        expect([...documentsWithAll(table, keys)]).toEqual(expected.map(([doc]) => doc));
      }),
    );
  });
});
