import type { AssignmentPut } from "../../shared/contract/index.ts";
import type { OrgUnit } from "../../shared/index.ts";
import type { StoredAssignment } from "../store/assignment-admin.ts";
import { REVOKED } from "../store/assignment-admin.ts";
import { provinceOf } from "./access.ts";
import type { Principal } from "./auth.ts";
import { ApiError, fail } from "./errors.ts";
import { noRegistry } from "./province-registry.ts";

/**
 * Who may change whose assignment in a province. Operators manage the province's staff and its
 * clerks; a province's staff manage the clerks of their own province only (never staff, so no one
 * widens their own circle). A row of another province, a job or an operator is not touched here.
 */
export function assertMayManage(who: Principal, province: string): void {
  const a = who.assignment;
  if (a.role === "operator" || (a.role === "province" && a.unit === province)) return;
  throw fail.forbidden(`Only operators and staff of province ${province} manage its people.`, `Chỉ quản trị viên hệ thống và cán bộ của tỉnh ${province} được quản lý người dùng của tỉnh.`);
}

const staffOnlyByOperator = () =>
  fail.forbidden("Only an operator may assign or revoke province staff.", "Chỉ quản trị viên hệ thống được phân công hoặc thu hồi cán bộ cấp tỉnh.");

/** The existing row, if it is a live assignment of this province; a revoked row is no assignment. */
function existingInProvince(existing: StoredAssignment | null, province: string, registry: readonly OrgUnit[] | null): "none" | "staff" | "clerk" {
  if (!existing || existing.role === REVOKED) return "none";
  if (existing.role === "province" && existing.unit === province) return "staff";
  if (existing.role === "clerk" && registry && provinceOf(registry, existing.unit) === province) return "clerk";
  throw new ApiError(409, "conflict", {
    vi: "Người dùng này đang được phân công ở nơi khác (tỉnh khác, tác vụ hoặc quản trị); cần thu hồi phân công đó trước.",
    en: "This user holds an assignment elsewhere (another province, a job or an operator); that one must be revoked first.",
  });
}

/** Checks a PUT: the caller's right, the target's current row, the unit against the province. */
export function checkPut(who: Principal, province: string, registry: readonly OrgUnit[] | null, existing: StoredAssignment | null, next: AssignmentPut): void {
  const operator = who.assignment.role === "operator";
  if (next.role === "province") {
    if (!operator) throw staffOnlyByOperator();
    if (next.unit !== province) throw fail.badRequest(`Province staff are assigned to the province itself (${province}), not to ${next.unit}.`, `Cán bộ cấp tỉnh được phân công cho chính tỉnh (${province}), không phải cho ${next.unit}.`);
  } else {
    if (!registry) throw noRegistry(province);
    if (provinceOf(registry, next.unit) !== province) throw fail.badRequest(`Unit ${next.unit} is not a unit of province ${province}'s registry.`, `Đơn vị ${next.unit} không có trong danh mục đơn vị của tỉnh ${province}.`);
  }
  const now = existingInProvince(existing, province, registry);
  if (now === "staff" && !operator) throw staffOnlyByOperator();
  // Approval levels are rights over the province's data: staff only, and only an operator grants them (never oneself).
  if (next.levels?.length && next.role !== "province") throw fail.badRequest("Approval levels are given to province staff only, not to a unit's clerk.", "Cấp duyệt chỉ giao cho cán bộ cấp tỉnh, không giao cho cán bộ đơn vị.");
}

/** Checks a DELETE: there is a live assignment of this province, and the caller may revoke it. */
export function checkRevoke(who: Principal, province: string, registry: readonly OrgUnit[] | null, existing: StoredAssignment | null): void {
  const now = existingInProvince(existing, province, registry);
  if (now === "none") throw fail.notFound("This user has no assignment in the province.", "Người dùng này không có phân công nào trong tỉnh.");
  if (now === "staff" && who.assignment.role !== "operator") throw staffOnlyByOperator();
}
