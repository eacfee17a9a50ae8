import type { ApprovalState } from "../contract/approvals.ts";
import type { ProvinceApprovalLevels } from "./levels.ts";

/**
 * What one level did to a unit's current round (from the clerk's "complete" to the top level's
 * approval or a return): the record the levels' states are read from. A new "complete" or a
 * reopening starts a round with no marks.
 */
export interface LevelMark {
  level: number;
  state: "approved" | "returned";
  by: string;
  at: string;
  comment: string | null;
}

export type LevelAction = "approve" | "return" | "reopen";

/** Why a level's step does not apply to a unit: its state, or the levels below have not approved. */
export type LevelRefusal = "state" | "level";

export const topLevel = (chain: ProvinceApprovalLevels): number => chain.levels[chain.levels.length - 1]!.level;

/** The level a unit marked complete waits at (the lowest one that has not approved), else null. */
export function awaitingLevel(chain: ProvinceApprovalLevels, state: ApprovalState, marks: readonly LevelMark[]): number | null {
  if (state !== "complete") return null;
  const done = new Set(marks.filter((m) => m.state === "approved").map((m) => m.level));
  return chain.levels.find((l) => !done.has(l.level))?.level ?? null;
}

/**
 * One level's step on one unit: approving at level L needs the unit complete and every level below
 * L approved (else "level": approving level 2 before level 1); the top level's approval makes the
 * unit approved, a lower one leaves it complete and waiting at the next. Returning at L needs the
 * unit waiting at L, and sends it back to the clerk whichever level returns it. Only the top level
 * reopens an approved unit, and the reopened unit starts its levels over.
 */
export function levelStep(chain: ProvinceApprovalLevels, action: LevelAction, level: number, state: ApprovalState, marks: readonly LevelMark[], by: { user: string; at: string; comment: string | null }):
  { ok: true; state: ApprovalState; marks: LevelMark[] } | { ok: false; reason: LevelRefusal; awaiting: number | null } {
  const awaiting = awaitingLevel(chain, state, marks);
  const mark = (s: LevelMark["state"]): LevelMark => ({ level, state: s, by: by.user, at: by.at, comment: by.comment });
  if (action === "reopen") {
    if (level !== topLevel(chain)) return { ok: false, reason: "level", awaiting };
    return state === "approved" ? { ok: true, state: "reopened", marks: [] } : { ok: false, reason: "state", awaiting };
  }
  if (state !== "complete" || awaiting === null) return { ok: false, reason: "state", awaiting };
  if (awaiting < level) return { ok: false, reason: "level", awaiting };
  // Level L has approved already: the unit waits higher up, where it is decided now.
  if (awaiting > level) return { ok: false, reason: "state", awaiting };
  if (action === "return") return { ok: true, state: "returned", marks: [...marks, mark("returned")] };
  return { ok: true, state: level === topLevel(chain) ? "approved" : "complete", marks: [...marks, mark("approved")] };
}

/**
 * Each level's state as the API shows it. A unit approved before levels were recorded (or in a
 * one-level province) shows every level approved by whoever approved it.
 */
export function levelStates(chain: ProvinceApprovalLevels, state: ApprovalState, marks: readonly LevelMark[], approvedBy: { by: string | null; at: string | null }):
  { level: number; name: { vi: string; en: string }; state: "none" | "approved" | "returned"; by: string | null; at: string | null }[] {
  return chain.levels.map((l) => {
    const m = [...marks].reverse().find((x) => x.level === l.level);
    if (m) return { level: l.level, name: l.name, state: m.state, by: m.by, at: m.at };
    if (state === "approved") return { level: l.level, name: l.name, state: "approved" as const, by: approvedBy.by, at: approvedBy.at };
    return { level: l.level, name: l.name, state: "none" as const, by: null, at: null };
  });
}
