import type { Role } from "@taizhang/contract";
import type { HistoryEntry, UnitId } from "@taizhang/core";
import type { Actor } from "@taizhang/store";

/** Where a change came from, as history records it. */
export type ChangeSource = HistoryEntry["source"];

/**
 * Who asks: nobody (a reader without a token), or the holder of a token —
 * through the API (bearer or the web's session cookie) or on this machine
 * (the TUI and the CLI open the store themselves and act as admin).
 */
export type Caller =
  | { kind: "anonymous" }
  | { kind: "token"; tokenId: string | null; name: string; role: Role; unitId: UnitId | null; source: ChangeSource };

export const ANONYMOUS: Caller = { kind: "anonymous" };

/** The caller of a local program (TUI, CLI): trusted as an admin named after it. */
export const localCaller = (source: "tui" | "cli", name = source): Caller => ({ kind: "token", tokenId: null, name, role: "admin", unitId: null, source });

/** The actor the store records in history for a caller that may write. */
export function actorOf(caller: Extract<Caller, { kind: "token" }>): Actor {
  return { name: caller.name, role: caller.role, unitId: caller.unitId, source: caller.source };
}
