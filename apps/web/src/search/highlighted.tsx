import type { Snippet } from "@taizhang/core";

/** A search snippet with its matches in <mark> and ellipses where the field goes on. */
export function Highlighted({ snippet }: { snippet: Snippet }) {
  const parts: Array<{ text: string; mark: boolean }> = [];
  let at = 0;
  for (const h of snippet.highlights) {
    if (h.start > at) parts.push({ text: snippet.text.slice(at, h.start), mark: false });
    parts.push({ text: snippet.text.slice(h.start, h.end), mark: true });
    at = h.end;
  }
  if (at < snippet.text.length) parts.push({ text: snippet.text.slice(at), mark: false });
  return (
    <>
      {snippet.truncatedStart && "…"}
      {parts.map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
      {snippet.truncatedEnd && "…"}
    </>
  );
}
