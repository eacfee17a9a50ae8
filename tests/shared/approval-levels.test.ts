import { describe, expect, it } from "vitest";
import { ProvinceApprovalLevels } from "../../shared/approval/levels.ts";
import { APPROVAL_LEVELS_V1, TWO_LEVEL_EXAMPLE, approvalLevelsFor, levelsHeld } from "../../shared/approval/levels-v1.ts";
import { awaitingLevel, levelStates, levelStep, type LevelMark } from "../../shared/approval/flow.ts";

/** The approval levels' rules alone (shared/approval): the chain as data, the order of levels, who holds which. */
const ONE = APPROVAL_LEVELS_V1.default;
const TWO = TWO_LEVEL_EXAMPLE;
const by = { user: "u", at: "2026-12-07T08:00:00.000Z", comment: null };

describe("approval levels as data", () => {
  it("a province without its own chain has the one-level default, held by every staff member", () => {
    expect(approvalLevelsFor("TST", null)).toEqual(ONE);
    expect(approvalLevelsFor("TST", TWO)).toEqual(TWO);
    expect(levelsHeld(ONE, undefined)).toEqual([1]);
    expect(levelsHeld(TWO, undefined)).toEqual([]);
    expect(levelsHeld(TWO, [2])).toEqual([2]);
  });

  it("refuses a chain with a gap, a repeated level or none", () => {
    const [l1, l2] = TWO.levels;
    expect(ProvinceApprovalLevels.safeParse({ levels: [l1, { ...l2!, level: 3 }] }).success).toBe(false);
    expect(ProvinceApprovalLevels.safeParse({ levels: [l1, l1] }).success).toBe(false);
    expect(ProvinceApprovalLevels.safeParse({ levels: [] }).success).toBe(false);
    expect(ProvinceApprovalLevels.safeParse({ levels: [{ ...l1!, name: { vi: " ", en: "x" } }] }).success).toBe(false);
    expect(ProvinceApprovalLevels.safeParse({ levels: [{ ...l1!, name: { vi: "=HYPERLINK(\"x\")", en: "x" } }] }).success).toBe(false);
    expect(ProvinceApprovalLevels.safeParse({ levels: [{ ...l1!, name: { vi: "Ban\u0007", en: "x" } }] }).success).toBe(false);
    expect(ProvinceApprovalLevels.safeParse({ levels: [{ ...l1!, level: 1, who: "anyone" }] }).success).toBe(false);
  });
});

describe("the order of levels", () => {
  it("one level: approve makes the unit approved, as before levels existed", () => {
    const r = levelStep(ONE, "approve", 1, "complete", [], by);
    expect(r).toMatchObject({ ok: true, state: "approved" });
  });

  it("two levels: level 2 before level 1 is refused; level 1 leaves the unit complete and waiting at 2; level 2 approves it", () => {
    expect(levelStep(TWO, "approve", 2, "complete", [], by)).toEqual({ ok: false, reason: "level", awaiting: 1 });
    const first = levelStep(TWO, "approve", 1, "complete", [], by);
    if (!first.ok) throw new Error("level 1 refused");
    expect(first.state).toBe("complete");
    expect(awaitingLevel(TWO, first.state, first.marks)).toBe(2);
    expect(levelStep(TWO, "approve", 1, first.state, first.marks, by)).toEqual({ ok: false, reason: "state", awaiting: 2 });
    const second = levelStep(TWO, "approve", 2, first.state, first.marks, by);
    expect(second).toMatchObject({ ok: true, state: "approved" });
  });

  it("a return at either level sends the unit back; only the top level reopens, and the levels start over", () => {
    const marks: LevelMark[] = [{ level: 1, state: "approved", by: "a", at: by.at, comment: null }];
    expect(levelStep(TWO, "return", 2, "complete", marks, by)).toMatchObject({ ok: true, state: "returned" });
    expect(levelStep(TWO, "return", 1, "complete", [], by)).toMatchObject({ ok: true, state: "returned" });
    expect(levelStep(TWO, "return", 2, "complete", [], by)).toMatchObject({ ok: false, reason: "level" });
    expect(levelStep(TWO, "reopen", 1, "approved", marks, by)).toMatchObject({ ok: false, reason: "level" });
    expect(levelStep(TWO, "reopen", 2, "approved", marks, by)).toEqual({ ok: true, state: "reopened", marks: [] });
    expect(levelStep(TWO, "reopen", 2, "complete", marks, by)).toMatchObject({ ok: false, reason: "state" });
  });

  it("a unit approved before levels were recorded reads as approved at every level", () => {
    const states = levelStates(TWO, "approved", [], { by: "province-TST", at: by.at });
    expect(states.map((s) => [s.level, s.state, s.by])).toEqual([[1, "approved", "province-TST"], [2, "approved", "province-TST"]]);
    expect(levelStates(TWO, "none", [], { by: null, at: null }).map((s) => s.state)).toEqual(["none", "none"]);
  });
});
