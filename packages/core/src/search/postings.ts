/**
 * Compact posting lists: for each key (a character gram), the sorted local
 * numbers of the documents that contain it, stored as variable-length
 * (LEB128) gaps in one byte array. A counted table also records how many
 * times each document holds the key: per document, gap × 2 + (1 when the key
 * occurs more than once), then, only in that case, the occurrences − 2. Keys
 * are sorted in a Uint32Array and found by binary
 * search, so a table costs about 9 bytes per distinct key plus one or two
 * bytes per (key, document) pair, and no object per list.
 */
export interface PostingTable {
  readonly keys: Uint32Array;
  /** offsets[i]..offsets[i+1] is the byte range of keys[i]'s list. */
  readonly offsets: Uint32Array;
  /** Number of documents in keys[i]'s list, to intersect the shortest first. */
  readonly counts: Uint32Array;
  readonly bytes: Uint8Array;
  /** True when the lists record each document's occurrences of the key. */
  readonly counted: boolean;
}

/** Bytes held by a table's arrays. */
export function postingTableBytes(table: PostingTable): number {
  return table.keys.byteLength + table.offsets.byteLength + table.counts.byteLength + table.bytes.byteLength;
}

function varintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    size++;
  }
  return size;
}

/** Open-addressing map from uint32 keys to dense slot numbers 0..n-1 in first-seen order. */
class KeySlots {
  private keys = new Uint32Array(1024);
  private slots = new Int32Array(1024).fill(-1);
  private mask = 1023;
  size = 0;
  readonly order: number[] = [];

  slotOf(key: number): number {
    let h = Math.imul(key, 0x9e3779b1) >>> 0;
    for (;;) {
      h &= this.mask;
      const slot = this.slots[h] ?? -1;
      if (slot < 0) break;
      if (this.keys[h] === key) return slot;
      h++;
    }
    const slot = this.size++;
    this.keys[h] = key;
    this.slots[h] = slot;
    this.order.push(key);
    if (this.size * 2 > this.mask) this.grow();
    return slot;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldSlots = this.slots;
    this.keys = new Uint32Array(oldKeys.length * 2);
    this.slots = new Int32Array(oldSlots.length * 2).fill(-1);
    this.mask = this.keys.length - 1;
    oldSlots.forEach((slot, i) => {
      if (slot < 0) return;
      const key = oldKeys[i] ?? 0;
      let h = Math.imul(key, 0x9e3779b1) >>> 0;
      for (;;) {
        h &= this.mask;
        if ((this.slots[h] ?? -1) < 0) break;
        h++;
      }
      this.keys[h] = key;
      this.slots[h] = slot;
    });
  }
}

/** A growable Uint32Array. */
class U32List {
  data = new Uint32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/**
 * Builds a table for documents 0..docCount-1; `keysOf(doc, emit)` emits the
 * document's keys (duplicates allowed, and counted when `counted`).
 */
export function buildPostingTable(
  docCount: number,
  keysOf: (doc: number, emit: (key: number) => void) => void,
  { counted = false }: { counted?: boolean } = {},
): PostingTable {
  // Pass 1: give each key a slot, count its documents, and record each
  // document's distinct slots in document order, with their occurrences.
  const slots = new KeySlots();
  const seenIn = new U32List(); // last document (+1) that emitted each slot
  const seenAt = new U32List(); // where in `flat` that document recorded it
  const counts = new U32List();
  const flat = new U32List();
  const flatFrequencies = new U32List();
  const docStart = new Uint32Array(docCount + 1);
  for (let doc = 0; doc < docCount; doc++) {
    keysOf(doc, (key) => {
      const slot = slots.slotOf(key);
      if (slot === seenIn.length) {
        seenIn.push(0);
        seenAt.push(0);
        counts.push(0);
      }
      if (seenIn.data[slot] === doc + 1) {
        const at = seenAt.data[slot] ?? 0;
        flatFrequencies.data[at] = (flatFrequencies.data[at] ?? 0) + 1;
        return;
      }
      seenIn.data[slot] = doc + 1;
      seenAt.data[slot] = flat.length;
      counts.data[slot] = (counts.data[slot] ?? 0) + 1;
      flat.push(slot);
      flatFrequencies.push(1);
    });
    docStart[doc + 1] = flat.length;
  }
  // Sort keys for binary search; rank[slot] is the key's place in that order.
  const byKey = Uint32Array.from({ length: slots.size }, (_, i) => i).sort(
    (a, b) => (slots.order[a] ?? 0) - (slots.order[b] ?? 0),
  );
  const rank = new Uint32Array(slots.size);
  byKey.forEach((slot, i) => (rank[slot] = i));
  const keys = Uint32Array.from(byKey, (slot) => slots.order[slot] ?? 0);
  const sortedCounts = Uint32Array.from(byKey, (slot) => counts.data[slot] ?? 0);
  // Pass 2: byte size of each list. Pass 3: write the entries.
  const last = new Int32Array(slots.size).fill(-1);
  const sizes = new Uint32Array(slots.size);
  for (let doc = 0; doc < docCount; doc++) {
    for (let j = docStart[doc] ?? 0; j < (docStart[doc + 1] ?? 0); j++) {
      const r = rank[flat.data[j] ?? 0] ?? 0;
      const frequency = counted ? (flatFrequencies.data[j] ?? 1) : 1;
      const gap = doc - (last[r] ?? -1) - 1;
      sizes[r] = (sizes[r] ?? 0) + (counted ? varintSize(gap * 2 + (frequency > 1 ? 1 : 0)) : varintSize(gap)) + (frequency > 1 ? varintSize(frequency - 2) : 0);
      last[r] = doc;
    }
  }
  const offsets = new Uint32Array(slots.size + 1);
  for (let i = 0; i < slots.size; i++) offsets[i + 1] = (offsets[i] ?? 0) + (sizes[i] ?? 0);
  const bytes = new Uint8Array(offsets[slots.size] ?? 0);
  const cursor = offsets.slice(0, slots.size);
  last.fill(-1);
  const write = (at: number, n: number): number => {
    while (n >= 0x80) {
      bytes[at++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 0x80);
    }
    bytes[at++] = n;
    return at;
  };
  for (let doc = 0; doc < docCount; doc++) {
    for (let j = docStart[doc] ?? 0; j < (docStart[doc + 1] ?? 0); j++) {
      const r = rank[flat.data[j] ?? 0] ?? 0;
      const frequency = counted ? (flatFrequencies.data[j] ?? 1) : 1;
      const gap = doc - (last[r] ?? -1) - 1;
      let at = write(cursor[r] ?? 0, counted ? gap * 2 + (frequency > 1 ? 1 : 0) : gap);
      if (frequency > 1) at = write(at, frequency - 2);
      cursor[r] = at;
      last[r] = doc;
    }
  }
  return { keys, offsets, counts: sortedCounts, bytes, counted };
}

const EMPTY = new Uint32Array(0);

/** Index of `key` in the table, or -1. */
export function findKey(table: PostingTable, key: number): number {
  let lo = 0;
  let hi = table.keys.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const k = table.keys[mid] ?? 0;
    if (k === key) return mid;
    if (k < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The entry {@link readEntry} read last: the gap to its document (1: the next one) and the document's occurrences. */
const entry = { gap: 0, frequency: 1 };

/** Reads the list entry at `at` into {@link entry} (see {@link PostingTable} for the format); returns where the next one starts. */
function readEntry(bytes: Uint8Array, at: number, counted: boolean): number {
  let v = 0;
  let scale = 1;
  for (;;) {
    const b = bytes[at++] ?? 0;
    v += (b & 0x7f) * scale;
    if (b < 0x80) break;
    scale *= 0x80;
  }
  let frequency = 1;
  if (counted && (v & 1) === 1) {
    frequency = 2;
    scale = 1;
    for (;;) {
      const b = bytes[at++] ?? 0;
      frequency += (b & 0x7f) * scale;
      if (b < 0x80) break;
      scale *= 0x80;
    }
  }
  entry.gap = (counted ? v >>> 1 : v) + 1;
  entry.frequency = frequency;
  return at;
}

/** The documents of the list at `slot` (from findKey), ascending. */
export function decodeList(table: PostingTable, slot: number): Uint32Array {
  return decodeListCounted(table, slot, null);
}

/**
 * Like decodeList; also writes into `frequencies` (when given, as long as the
 * list) how many times each document holds the key (1 in a table not counted).
 */
export function decodeListCounted(table: PostingTable, slot: number, frequencies: Uint32Array | null): Uint32Array {
  const out = new Uint32Array(table.counts[slot] ?? 0);
  const { bytes, counted } = table;
  let at = table.offsets[slot] ?? 0;
  let doc = -1;
  for (let n = 0; n < out.length; n++) {
    at = readEntry(bytes, at, counted);
    doc += entry.gap;
    out[n] = doc;
    if (frequencies) frequencies[n] = entry.frequency;
  }
  return out;
}

/** Intersection of two ascending lists. */
export function intersectSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, n);
}

/** Union of two ascending lists. */
export function unionSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? (a[i] ?? 0) : Infinity;
    const y = j < b.length ? (b[j] ?? 0) : Infinity;
    if (x <= y) {
      out[n++] = x;
      i++;
      if (x === y) j++;
    } else {
      out[n++] = y;
      j++;
    }
  }
  return out.subarray(0, n);
}

/**
 * Keeps, in place, those of `docs[0..n)` (ascending) that are in the list at
 * `slot`, and returns how many were kept. When `frequencies` is given (parallel
 * to `docs`), each kept entry becomes the smaller of it and the document's
 * occurrences in this list. Walks the list's bytes once without decoding it
 * into an array, and stops once `docs` is used up.
 */
export function retainInList(table: PostingTable, slot: number, docs: Uint32Array, n: number, frequencies: Uint32Array | null = null): number {
  const { bytes, counted } = table;
  let at = table.offsets[slot] ?? 0;
  const end = table.offsets[slot + 1] ?? 0;
  let doc = -1;
  let i = 0;
  let kept = 0;
  while (i < n && at < end) {
    at = readEntry(bytes, at, counted);
    doc += entry.gap;
    while (i < n && (docs[i] ?? 0) < doc) i++;
    if (i < n && docs[i] === doc) {
      if (frequencies) frequencies[kept] = Math.min(frequencies[i] ?? 0, entry.frequency);
      docs[kept++] = doc;
      i++;
    }
  }
  return kept;
}

/** Documents holding every key (ascending); empty when a key is absent. */
export function documentsWithAll(table: PostingTable, keys: readonly number[]): Uint32Array {
  return documentsWithAllCounted(table, keys).docs;
}

/**
 * Documents holding every key (ascending), each with the fewest times it holds
 * one of them (an upper bound on the occurrences of a term made of these
 * grams); empty when a key is absent. The shortest list is decoded, the others
 * only walked to filter it.
 */
export function documentsWithAllCounted(table: PostingTable, keys: readonly number[]): { docs: Uint32Array; frequencies: Uint32Array } {
  return candidateDocuments(table, keys, Infinity);
}

/**
 * Like documentsWithAllCounted, but a superset: a list more than `walkRatio`
 * times as long as the documents still left is not walked (every key must
 * still be present). For terms whose candidates are checked against the text
 * anyway: walking the list of 行政 (nearly every task) to narrow the 12,000
 * holders of 政复 and 复议 cost more than checking the few it would drop.
 */
export function candidateDocuments(
  table: PostingTable,
  keys: readonly number[],
  walkRatio: number,
): { docs: Uint32Array; frequencies: Uint32Array } {
  const slots: number[] = [];
  for (const key of keys) {
    const slot = findKey(table, key);
    if (slot < 0) return { docs: EMPTY, frequencies: EMPTY };
    slots.push(slot);
  }
  if (slots.length === 0) return { docs: EMPTY, frequencies: EMPTY };
  slots.sort((a, b) => (table.counts[a] ?? 0) - (table.counts[b] ?? 0));
  const frequencies = new Uint32Array(table.counts[slots[0] ?? 0] ?? 0);
  const docs = decodeListCounted(table, slots[0] ?? 0, frequencies);
  let n = docs.length;
  for (let k = 1; k < slots.length && n > 0; k++) {
    const slot = slots[k] ?? 0;
    if ((table.counts[slot] ?? 0) > walkRatio * n) break;
    n = retainInList(table, slot, docs, n, frequencies);
  }
  if (n === 0) return { docs: EMPTY, frequencies: EMPTY };
  return { docs: docs.subarray(0, n), frequencies: frequencies.subarray(0, n) };
}
