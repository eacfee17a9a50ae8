// Which units of the Duyệt list a person may act on, and how each one's state reads: the rules
// the list, the action bar and the filter share. With several approval levels a unit marked
// complete is the business of the level it waits at.
import type { ApprovalsResponse, UnitApproval } from "../../../../../shared/contract/index.ts";
import { fold } from "../../../../../shared/index.ts";
import type { StringKey } from "../../../i18n.ts";
import type { PanePort } from "../../shell/ports.ts";

type List = Pick<ApprovalsResponse, "levels" | "myLevels">;

const topLevel = (list: List): number | null => list.levels.at(-1)?.level ?? null;

/** Marked complete and waiting at a level the person holds: theirs to approve or return. */
export const decidable = (list: List, u: UnitApproval): boolean =>
  u.state === "complete" && u.awaitingLevel !== null && list.myLevels.includes(u.awaitingLevel);

/** Approved, and the person holds the top level (only the top level reopens). */
export const reopenable = (list: List, u: UnitApproval): boolean => {
  const top = topLevel(list);
  return u.state === "approved" && top !== null && list.myLevels.includes(top);
};

export const selectable = (list: List, u: UnitApproval): boolean => decidable(list, u) || reopenable(list, u);

/**
 * The state in words: as before levels for a one-level province ("Chờ duyệt", "Đã duyệt"); with
 * several, the level it waits at or the level that returned it ("Chờ cấp 2: Ban Thường vụ duyệt").
 */
export function stateText(app: Pick<PanePort, "t" | "lang">, list: List, u: UnitApproval): string {
  const plain = app.t(`state.${u.state}` as StringKey);
  if (list.levels.length <= 1) return plain;
  const name = (l: number) => list.levels.find((x) => x.level === l)?.name[app.lang] ?? String(l);
  if (u.state === "complete" && u.awaitingLevel !== null) return app.t("approve.awaitingLevel", { level: u.awaitingLevel, name: name(u.awaitingLevel) });
  const returned = u.levels.find((l) => l.state === "returned");
  if (u.state === "returned" && returned) return app.t("approve.returnedAt", { level: returned.level, name: name(returned.level) });
  return plain;
}

/**
 * The units the filter lets through: what was typed found in the name or in the state, without
 * regard to accents, case or extra spaces ("TSC 9" finds 9 and 90…99, not 19).
 */
export function filtered(app: Pick<PanePort, "t" | "lang">, list: ApprovalsResponse, query: string): UnitApproval[] {
  const q = squash(query);
  if (!q) return list.units;
  return list.units.filter((u) => squash(u.name).includes(q) || squash(stateText(app, list, u)).includes(q));
}

const squash = (s: string): string => fold(s).replace(/\s+/g, " ").trim();
