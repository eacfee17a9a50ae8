import type { TableClient, TransactionAction } from "@azure/data-tables";
import { getCatalog, reportingUnitsOf, unitsValidIn, valuesFor, type OrgUnit } from "../../shared/index.ts";
import type { ApprovalActionRequest, ApprovalResult, ApprovalState, ApprovalsResponse, CompleteRequest, UnitApproval } from "../../shared/contract/index.ts";
import { approvalEntity, listApprovals, listSteps, type ApprovalRow } from "../store/approvals.ts";
import { stepEntity } from "../store/approvals.ts";
import { readUnit } from "../store/units.ts";
import { readTargets } from "../store/reference.ts";
import { assertProvinceStaff, assertUnitClerk, assertUnitReader } from "./access.ts";
import { assertProvinceStaffOrSuccessor } from "./cross-province.ts";
import type { Principal } from "./auth.ts";
import { ApiError, fail } from "./errors.ts";
import { validateSubmission } from "./validation.ts";
import { lostRace } from "../store/query.ts";
import { readApprovalLevels } from "../store/approval-levels.ts";
import type { ProvinceApprovalLevels } from "../../shared/approval/levels.ts";
import { approvalLevelsFor, levelsHeld } from "../../shared/approval/levels-v1.ts";
import { awaitingLevel, levelStates, levelStep, topLevel, type LevelMark } from "../../shared/approval/flow.ts";

type Action = "approve" | "return" | "reopen";
/** Two actions per unit (its row, its step): 50 units to an entity-group transaction. */
const UNITS_PER_TRANSACTION = 50;

/** The chain of approval levels in force in the province: its own, else the product's data. */
export async function chainOf(t: TableClient, province: string): Promise<ProvinceApprovalLevels> {
  return approvalLevelsFor(province, (await readApprovalLevels(t, province)).chain);
}

/** The levels the caller may act at: province staff of this province only. */
function heldBy(who: Principal, province: string, chain: ProvinceApprovalLevels): number[] {
  const a = who.assignment;
  return a.role === "province" && a.unit === province ? levelsHeld(chain, a.levels) : [];
}

function view(u: OrgUnit, row: ApprovalRow | undefined, chain: ProvinceApprovalLevels): UnitApproval {
  const dataVersion = row?.dataVersion ?? 0;
  const state = row?.state ?? "none";
  const marks = row?.marks ?? [];
  return {
    unit: u.code, name: u.name, state, version: row?.version ?? 0, dataVersion,
    by: row?.by ?? null, at: row?.at ?? null, comment: row?.comment || null, comments: row?.comments ?? {},
    changesAfterApproval: row?.firstApprovedVersion ? Math.max(0, dataVersion - row.firstApprovedVersion) : 0,
    levels: levelStates(chain, state, marks, { by: row?.by ?? null, at: row?.at ?? null }),
    awaitingLevel: awaitingLevel(chain, state, marks),
  };
}


/** Every reporting unit of the period with its approval state, and the steps (a clerk: their own). */
export async function approvals(t: TableClient, who: Principal, province: string, period: string, registry: readonly OrgUnit[]): Promise<ApprovalsResponse> {
  const units = reportingUnitsOf(unitsValidIn(registry, period), province);
  const mine = who.assignment.role === "clerk" ? who.assignment.unit : null;
  if (mine) assertUnitReader(who, province, mine, registry);
  // A successor province's staff read the ended province's approval states; every step stays refused them.
  else assertProvinceStaffOrSuccessor(who, province);
  const [rows, steps, chain] = await Promise.all([listApprovals(t, province, period), listSteps(t, province, period, mine ?? undefined), chainOf(t, province)]);
  const byUnit = new Map(rows.map((r) => [r.unit, r]));
  return {
    province, period, units: units.filter((u) => !mine || u.code === mine).map((u) => view(u, byUnit.get(u.code), chain)), steps,
    levels: chain.levels, myLevels: heldBy(who, province, chain),
  };
}

/**
 * The clerk marks the unit's current version complete: refused (422) while the stored data has
 * errors or a required indicator is blank without a comment, 409 when the data changed since the
 * version the clerk saw, 423 once the province has approved it.
 */
export async function complete(t: TableClient, who: Principal, province: string, period: string, body: CompleteRequest, registry: readonly OrgUnit[]): Promise<ApprovalResult> {
  assertUnitClerk(who, province, body.unit, registry);
  const catalog = getCatalog();
  const unit = reportingUnitsOf(unitsValidIn(registry, period), province).find((u) => u.code === body.unit);
  const [rows, stored, targets, chain] = await Promise.all([listApprovals(t, province, period), readUnit(t, province, period, body.unit), readTargets(t, province), chainOf(t, province)]);
  const row = rows.find((r) => r.unit === body.unit);
  if (row?.state === "approved") {
    throw new ApiError(423, "locked", { vi: `Số liệu kỳ ${period} của đơn vị đã được tỉnh duyệt; muốn sửa cần tỉnh mở lại.`, en: `The unit's data for ${period} is approved; the province must reopen it before any change.` });
  }
  if (!unit || !stored || !row || row.dataVersion !== body.version) {
    throw conflict([{ unit: body.unit, state: row?.state ?? "none", version: row?.version ?? 0, dataVersion: row?.dataVersion ?? 0, reason: !unit ? "unknown_unit" : !stored ? "no_data" : "version" }]);
  }
  const request = {
    province, unit: body.unit, period, catalogVersion: catalog.version, baseVersion: stored.version, mode: "merge" as const,
    // Stored values keep whatever their catalog version had; only the period's indicators are re-judged.
    units: Object.entries(stored.values).map(([u, values]) => ({ unit: u, values: valuesFor(catalog, period, values) })), source: { workbook: "stored", sheet: "", fingerprint: "stored" },
  };
  let issues;
  try {
    issues = validateSubmission(request as Parameters<typeof validateSubmission>[0], catalog, unitsValidIn(registry, period), targets, undefined, registry);
  } catch (e) {
    if (e instanceof ApiError && e.status === 422) {
      throw new ApiError(422, "invalid", { vi: "Số liệu còn lỗi; chưa thể đánh dấu hoàn thành.", en: "The data still has errors; it cannot be marked complete." }, { errors: ((e.extra.issues as unknown[]) ?? []).length, needComment: [] });
    }
    throw e;
  }
  const blank = [...new Set(issues.filter((i) => i.rule === "required_missing" || i.rule === "required_blank").flatMap((i) => i.indicators))];
  const needComment = blank.filter((c) => !body.comments[c]);
  if (needComment.length) {
    const list = needComment.map((c) => ({ indicator: c, label: catalog.byCode.get(c)?.label.vi ?? c }));
    throw new ApiError(422, "invalid", {
      vi: `Chỉ tiêu bắt buộc còn để trống cần ghi chú lý do: ${list.map((x) => x.label).join(", ")}.`,
      en: `Required indicators left blank need a comment: ${needComment.join(", ")}.`,
    }, { errors: 0, needComment: list });
  }
  const at = new Date().toISOString();
  const comments = Object.fromEntries(Object.entries(body.comments).filter(([c]) => blank.includes(c)));
  // A new round: every level decides again on what the clerk marks complete now.
  const next = { state: "complete" as const, version: body.version, by: who.user, at, comment: null, comments, firstApprovedVersion: row.firstApprovedVersion, marks: [] as LevelMark[] };
  try {
    await t.submitTransaction([
      ["update", approvalEntity(province, period, body.unit, next), "Merge", { etag: row.etag }],
      ["create", stepEntity(province, period, { unit: body.unit, step: "complete", version: body.version, by: who.user, at, comment: null }, 0)],
    ]);
  } catch (e) {
    if (lostRace(e)) throw conflict([{ unit: body.unit, state: row.state, version: row.version, dataVersion: row.dataVersion, reason: "version" }]);
    throw e;
  }
  return { province, period, units: [view(unit, { ...row, ...next, etag: "" }, chain)] };
}

type Refused = { unit: string; state: ApprovalState; version: number; dataVersion: number; reason: "state" | "version" | "no_data" | "unknown_unit" | "level"; awaitingLevel?: number | null };

function conflict(refused: Refused[], ordering?: { chain: ProvinceApprovalLevels; level: number; action: Action }): ApiError {
  const n = refused.length;
  const levelled = refused.filter((r) => r.reason === "level");
  if (ordering && levelled.length === n) {
    // Every refusal is the order of levels: say which level has to act first, in the levels' own names.
    const name = (l: number) => ordering.chain.levels.find((x) => x.level === l)?.name ?? { vi: `cấp ${l}`, en: `level ${l}` };
    const asked = name(ordering.level);
    if (ordering.action === "reopen") {
      const top = name(topLevel(ordering.chain));
      return new ApiError(409, "conflict", {
        vi: `Chỉ cấp cao nhất (cấp ${topLevel(ordering.chain)}: ${top.vi}) được mở lại số liệu đã duyệt; chưa ghi gì.`,
        en: `Only the top level (level ${topLevel(ordering.chain)}: ${top.en}) reopens approved data; nothing was written.`,
      }, { refused });
    }
    const below = Math.min(...levelled.map((r) => r.awaitingLevel ?? 1));
    const first = name(below);
    return new ApiError(409, "conflict", {
      vi: `Chưa thể ${ordering.action === "approve" ? "duyệt" : "trả lại"} ở cấp ${ordering.level} (${asked.vi}): cấp ${below} (${first.vi}) chưa duyệt ${n} đơn vị. Mỗi cấp chỉ duyệt sau khi cấp dưới đã duyệt; chưa ghi gì.`,
      en: `Cannot ${ordering.action} at level ${ordering.level} (${asked.en}): level ${below} (${first.en}) has not approved ${n} unit(s) yet. Each level acts only after the level below has approved; nothing was written.`,
    }, { refused });
  }
  return new ApiError(409, "conflict", {
    vi: `${n} đơn vị không thực hiện được (trạng thái hoặc phiên bản số liệu đã thay đổi); chưa ghi gì. Hãy tải lại danh sách.`,
    en: `${n} unit(s) cannot take this step (their state or data version has changed); nothing was written. Reload the list.`,
  }, { refused });
}

/**
 * The level each unit is acted at, or a 403 when the caller holds none that applies: the level
 * asked for (which the caller must hold), else for a reopening the top level, else the level the
 * unit waits at when the caller holds it, else the caller's lowest (then refused as "level" or
 * "state" per unit, which names what is wrong).
 */
function levelFor(who: Principal, province: string, chain: ProvinceApprovalLevels, action: Action, asked: number | undefined): (awaiting: number | null) => number {
  const held = heldBy(who, province, chain);
  const name = (l: number) => chain.levels.find((x) => x.level === l)?.name;
  const refuse = (l: number) => fail.forbidden(
    `Your assignment does not allow acting at approval level ${l} (${name(l)?.en ?? "no such level"}).`,
    `Phân công của bạn không có quyền thao tác ở cấp duyệt ${l} (${name(l)?.vi ?? "không có cấp này"}).`,
  );
  if (asked !== undefined) {
    if (!name(asked)) throw fail.badRequest(`Province ${province} has approval levels 1 to ${topLevel(chain)}, not ${asked}.`, `Tỉnh ${province} có các cấp duyệt từ 1 đến ${topLevel(chain)}, không có cấp ${asked}.`);
    if (!held.includes(asked)) throw refuse(asked);
    return () => asked;
  }
  if (action === "reopen") {
    if (!held.includes(topLevel(chain))) throw refuse(topLevel(chain));
    return () => topLevel(chain);
  }
  if (!held.length) throw refuse(chain.levels[0]!.level);
  return (awaiting) => (awaiting !== null && held.includes(awaiting) ? awaiting : held[0]!);
}

/**
 * Province staff approve, return or reopen several units at once. Every unit is checked first
 * (state, and the data version they looked at); if any is refused nothing is written (409). The
 * rows and steps are then written in entity-group transactions of 50 units, each row under its
 * ETag, so a submission racing in makes its unit a 409 rather than approving data nobody saw.
 */
export async function act(t: TableClient, who: Principal, province: string, period: string, action: Action, body: ApprovalActionRequest, registry: readonly OrgUnit[]): Promise<ApprovalResult> {
  assertProvinceStaff(who, province);
  const chain = await chainOf(t, province);
  // The caller's right to the level comes first (403), before any unit's state (409).
  const pickLevel = levelFor(who, province, chain, action, body.level);
  const units = new Map(reportingUnitsOf(unitsValidIn(registry, period), province).map((u) => [u.code, u]));
  const rows = new Map((await listApprovals(t, province, period)).map((r) => [r.unit, r]));
  const at = new Date().toISOString();
  const by = { user: who.user, at, comment: body.comment ?? null };
  const refused: Refused[] = [];
  const planned = new Map<string, { level: number; state: ApprovalState; marks: LevelMark[] }>();
  let asked = body.level ?? 0;
  for (const { unit, version } of body.units) {
    const r = rows.get(unit);
    const base = { unit, state: r?.state ?? ("none" as ApprovalState), version: r?.version ?? 0, dataVersion: r?.dataVersion ?? 0 };
    if (!units.has(unit)) { refused.push({ ...base, reason: "unknown_unit" }); continue; }
    if (!r || r.dataVersion === 0) { refused.push({ ...base, reason: "no_data" }); continue; }
    const level = pickLevel(awaitingLevel(chain, r.state, r.marks));
    asked ||= level;
    const step = levelStep(chain, action, level, r.state, r.marks, by);
    if (!step.ok) refused.push({ ...base, reason: step.reason, awaitingLevel: step.awaiting });
    else if (r.dataVersion !== version || r.version !== version) refused.push({ ...base, reason: "version" });
    else planned.set(unit, { level, state: step.state, marks: step.marks });
  }
  if (refused.length) throw conflict(refused, { chain, level: asked || 1, action });
  const done: UnitApproval[] = [];
  const raced: Refused[] = [];
  for (let i = 0; i < body.units.length; i += UNITS_PER_TRANSACTION) {
    const chunk = body.units.slice(i, i + UNITS_PER_TRANSACTION);
    const nexts = chunk.map(({ unit, version }) => {
      const r = rows.get(unit)!;
      const plan = planned.get(unit)!;
      // A lower level's approval leaves the unit complete, as the clerk marked it: only its marks change.
      const moved = plan.state !== r.state;
      const next = {
        state: plan.state, version, by: moved ? who.user : r.by, at: moved ? at : r.at, comment: moved ? body.comment ?? null : r.comment, comments: r.comments,
        firstApprovedVersion: r.firstApprovedVersion ?? (plan.state === "approved" ? version : null), marks: plan.marks,
      };
      return { unit, r, next, level: plan.level };
    });
    const actions = nexts.flatMap(({ unit, r, next, level }, k): TransactionAction[] => [
      ["update", approvalEntity(province, period, unit, next), "Merge", { etag: r.etag }],
      ["create", stepEntity(province, period, { unit, step: action, version: next.version, by: who.user, at, comment: body.comment ?? null, level }, i + k)],
    ]);
    try {
      await t.submitTransaction(actions);
      for (const { unit, r, next } of nexts) done.push(view(units.get(unit)!, { ...r, ...next }, chain));
    } catch (e) {
      if (!lostRace(e)) throw e;
      for (const { unit, r } of nexts) raced.push({ unit, state: r.state, version: r.version, dataVersion: r.dataVersion, reason: "version" });
    }
  }
  if (raced.length) {
    throw new ApiError(409, "conflict", {
      vi: `${raced.length} đơn vị vừa nộp số liệu mới nên chưa thực hiện; ${done.length} đơn vị đã thực hiện. Hãy tải lại danh sách.`,
      en: `${raced.length} unit(s) submitted new data meanwhile and were not done; ${done.length} were done. Reload the list.`,
    }, { refused: raced, done });
  }
  return { province, period, units: done };
}
