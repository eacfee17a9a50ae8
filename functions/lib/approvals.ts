import type { TableClient, TransactionAction } from "@azure/data-tables";
import { getCatalog, reportingUnitsOf, unitsValidIn, valuesFor, type OrgUnit } from "../../shared/index.ts";
import type { ApprovalActionRequest, ApprovalResult, ApprovalState, ApprovalStep, ApprovalsResponse, CompleteRequest, UnitApproval } from "../../shared/contract/index.ts";
import { approvalEntity, listApprovals, listSteps, type ApprovalRow } from "../store/approvals.ts";
import { stepEntity } from "../store/approvals.ts";
import { readUnit } from "../store/units.ts";
import { readTargets } from "../store/reference.ts";
import { assertProvinceStaff, assertUnitClerk, assertUnitReader } from "./access.ts";
import type { Principal } from "./auth.ts";
import { ApiError } from "./errors.ts";
import { validateSubmission } from "./validation.ts";
import { lostRace } from "../store/query.ts";

type Action = "approve" | "return" | "reopen";
/** Which state each action starts from and leads to. */
const FLOW: Record<Action, { from: ApprovalState[]; to: ApprovalState; step: ApprovalStep["step"] }> = {
  approve: { from: ["complete"], to: "approved", step: "approve" },
  return: { from: ["complete"], to: "returned", step: "return" },
  reopen: { from: ["approved"], to: "reopened", step: "reopen" },
};
/** Two actions per unit (its row, its step): 50 units to an entity-group transaction. */
const UNITS_PER_TRANSACTION = 50;

function view(u: OrgUnit, row: ApprovalRow | undefined): UnitApproval {
  const dataVersion = row?.dataVersion ?? 0;
  return {
    unit: u.code, name: u.name, state: row?.state ?? "none", version: row?.version ?? 0, dataVersion,
    by: row?.by ?? null, at: row?.at ?? null, comment: row?.comment || null, comments: row?.comments ?? {},
    changesAfterApproval: row?.firstApprovedVersion ? Math.max(0, dataVersion - row.firstApprovedVersion) : 0,
  };
}


/** Every reporting unit of the period with its approval state, and the steps (a clerk: their own). */
export async function approvals(t: TableClient, who: Principal, province: string, period: string, registry: readonly OrgUnit[]): Promise<ApprovalsResponse> {
  const units = reportingUnitsOf(unitsValidIn(registry, period), province);
  const mine = who.assignment.role === "clerk" ? who.assignment.unit : null;
  if (mine) assertUnitReader(who, province, mine, registry);
  else assertProvinceStaff(who, province);
  const [rows, steps] = await Promise.all([listApprovals(t, province, period), listSteps(t, province, period, mine ?? undefined)]);
  const byUnit = new Map(rows.map((r) => [r.unit, r]));
  return { province, period, units: units.filter((u) => !mine || u.code === mine).map((u) => view(u, byUnit.get(u.code))), steps };
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
  const [rows, stored, targets] = await Promise.all([listApprovals(t, province, period), readUnit(t, province, period, body.unit), readTargets(t, province)]);
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
  const next = { state: "complete" as const, version: body.version, by: who.user, at, comment: null, comments, firstApprovedVersion: row.firstApprovedVersion };
  try {
    await t.submitTransaction([
      ["update", approvalEntity(province, period, body.unit, next), "Merge", { etag: row.etag }],
      ["create", stepEntity(province, period, { unit: body.unit, step: "complete", version: body.version, by: who.user, at, comment: null }, 0)],
    ]);
  } catch (e) {
    if (lostRace(e)) throw conflict([{ unit: body.unit, state: row.state, version: row.version, dataVersion: row.dataVersion, reason: "version" }]);
    throw e;
  }
  return { province, period, units: [view(unit, { ...row, ...next, etag: "" })] };
}

function conflict(refused: { unit: string; state: ApprovalState; version: number; dataVersion: number; reason: "state" | "version" | "no_data" | "unknown_unit" }[]): ApiError {
  const n = refused.length;
  return new ApiError(409, "conflict", {
    vi: `${n} đơn vị không thực hiện được (trạng thái hoặc phiên bản số liệu đã thay đổi); chưa ghi gì. Hãy tải lại danh sách.`,
    en: `${n} unit(s) cannot take this step (their state or data version has changed); nothing was written. Reload the list.`,
  }, { refused });
}

/**
 * Province staff approve, return or reopen several units at once. Every unit is checked first
 * (state, and the data version they looked at); if any is refused nothing is written (409). The
 * rows and steps are then written in entity-group transactions of 50 units, each row under its
 * ETag, so a submission racing in makes its unit a 409 rather than approving data nobody saw.
 */
export async function act(t: TableClient, who: Principal, province: string, period: string, action: Action, body: ApprovalActionRequest, registry: readonly OrgUnit[]): Promise<ApprovalResult> {
  assertProvinceStaff(who, province);
  const flow = FLOW[action];
  const units = new Map(reportingUnitsOf(unitsValidIn(registry, period), province).map((u) => [u.code, u]));
  const rows = new Map((await listApprovals(t, province, period)).map((r) => [r.unit, r]));
  const refused: Parameters<typeof conflict>[0] = [];
  for (const { unit, version } of body.units) {
    const r = rows.get(unit);
    const base = { unit, state: r?.state ?? ("none" as ApprovalState), version: r?.version ?? 0, dataVersion: r?.dataVersion ?? 0 };
    if (!units.has(unit)) refused.push({ ...base, reason: "unknown_unit" });
    else if (!r || r.dataVersion === 0) refused.push({ ...base, reason: "no_data" });
    else if (!flow.from.includes(r.state)) refused.push({ ...base, reason: "state" });
    else if (r.dataVersion !== version || r.version !== version) refused.push({ ...base, reason: "version" });
  }
  if (refused.length) throw conflict(refused);
  const at = new Date().toISOString();
  const done: UnitApproval[] = [];
  const raced: Parameters<typeof conflict>[0] = [];
  for (let i = 0; i < body.units.length; i += UNITS_PER_TRANSACTION) {
    const chunk = body.units.slice(i, i + UNITS_PER_TRANSACTION);
    const nexts = chunk.map(({ unit, version }) => {
      const r = rows.get(unit)!;
      const next = { state: flow.to, version, by: who.user, at, comment: body.comment ?? null, comments: r.comments, firstApprovedVersion: r.firstApprovedVersion ?? (action === "approve" ? version : null) };
      return { unit, r, next };
    });
    const actions = nexts.flatMap(({ unit, r, next }, k): TransactionAction[] => [
      ["update", approvalEntity(province, period, unit, next), "Merge", { etag: r.etag }],
      ["create", stepEntity(province, period, { unit, step: flow.step, version: next.version, by: who.user, at, comment: body.comment ?? null }, i + k)],
    ]);
    try {
      await t.submitTransaction(actions);
      for (const { unit, r, next } of nexts) done.push(view(units.get(unit)!, { ...r, ...next }));
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
