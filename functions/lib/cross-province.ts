import type { TableClient } from "@azure/data-tables";
import type { OrgUnit } from "../../shared/index.ts";
import { nationallyLinkedProvinces, predecessorProvinces } from "../../shared/registry/cross-province.ts";
import { formerProvinceName } from "../../shared/registry/levels.ts";
import { readOrgUnits } from "../store/reference.ts";
import { assertProvinceReader, assertProvinceStaff, assertUnitReader } from "./access.ts";
import type { Principal } from "./auth.ts";
import { ApiError, fail } from "./errors.ts";
import { NATIONAL_REGISTRY } from "./national-registry.ts";

/**
 * Whether figures stored in province `other` may be read for a reader of `province`, checked at
 * the point where another province's partition is read, beside (not instead of) the
 * confinement of the registry to national links (national-registry.ts `confined`):
 *  (a) the national registry links the two provinces (shared/registry/cross-province.ts), or
 *  (b) the reader holds the rights `other`'s own routes need (its staff or one of its clerks).
 * A job holds no province's rights, so it reads across provinces by (a) alone.
 */
export function linkedNationally(province: string, other: string): boolean {
  return other === province || nationallyLinkedProvinces(NATIONAL_REGISTRY, province).has(other);
}

export async function assertCrossProvinceReader(t: TableClient, who: Principal | null, province: string, other: string): Promise<void> {
  if (linkedNationally(province, other)) return;
  if (who && who.assignment.role !== "job") {
    const registry = await readOrgUnits(t, other);
    if (registry) {
      try { assertProvinceReader(who, other, registry); return; } catch (e) { if (!(e instanceof ApiError)) throw e; }
    }
  }
  throw fail.forbidden(
    `Figures of province ${other} are read for ${province} only where the national registry links the two provinces, or by someone holding ${other}'s own rights; your assignment does neither.`,
    `Số liệu của tỉnh ${other} chỉ được đọc cho tỉnh ${province} khi danh mục đơn vị hành chính quốc gia nối hai tỉnh, hoặc khi người đọc có quyền trên tỉnh ${other}; phân công của anh/chị không thuộc trường hợp nào.`,
  );
}

/**
 * Whether `who` is staff of a province formed from `province`, which has ended (Lâm Đồng's staff
 * for Bình Thuận): the old province's records are the new one's past, so its staff read them,
 * read only; the routes that write or decide (submit, approve, lock) keep their own checks and
 * refuse them. Clerks of the new province's units are not given this.
 */
function successorStaff(who: Principal, province: string): boolean {
  const { role, unit } = who.assignment;
  if (role !== "province" || !unit || unit === province) return false;
  const ended = NATIONAL_REGISTRY.some((u) => u.code === province && u.parent === null && !!u.validTo);
  return ended && predecessorProvinces(NATIONAL_REGISTRY, unit).has(province);
}

/** Reading a province's rollup: its own readers, or a successor province's staff (read only). */
export function assertProvinceReaderOrSuccessor(who: Principal, province: string, registry: readonly OrgUnit[]): void {
  if (!successorStaff(who, province)) assertProvinceReader(who, province, registry);
}

/** Reading one unit's detail or history: its own readers, or a successor province's staff (read only). */
export function assertUnitReaderOrSuccessor(who: Principal, province: string, unit: string, registry: readonly OrgUnit[]): void {
  if (!successorStaff(who, province)) assertUnitReader(who, province, unit, registry);
}

/**
 * A read only province staff have (its periods, scorecard, approval states, the clerks of the
 * status sheet, a DHIS2 export): its own staff, or a successor province's staff for the ended
 * province's past. Writes keep assertProvinceStaff and refuse the successor.
 */
export function assertProvinceStaffOrSuccessor(who: Principal, province: string): void {
  if (!successorStaff(who, province)) assertProvinceStaff(who, province);
}

/**
 * The ended provinces `province` was formed from whose past `who` reads as a successor's staff
 * (Lâm Đồng's staff: Bình Thuận, Đắk Nông, the old Lâm Đồng), each named as text names a
 * province that no longer exists ("tỉnh Bình Thuận (cũ)"). Nobody else is given any.
 */
export function readablePredecessors(who: Principal, province: string): { province: string; name: { vi: string; en: string } }[] {
  if (who.assignment.role !== "province" || who.assignment.unit !== province) return [];
  return [...predecessorProvinces(NATIONAL_REGISTRY, province)].filter((p) => successorStaff(who, p)).sort().map((p) => {
    const u = NATIONAL_REGISTRY.find((x) => x.code === p && x.parent === null)!;
    return { province: p, name: { vi: formerProvinceName(u, "vi"), en: formerProvinceName(u, "en") } };
  });
}
