import { provinceOfUnit, type OrgUnit } from "../../shared/index.ts";
import type { Principal } from "./auth.ts";
import { fail } from "./errors.ts";

/**
 * Scopes from the assignment table: a clerk holds one reporting unit of any level (a district
 * before July 2025, a commune since) and reads its province's rollup; province staff hold a
 * province; a job holds nothing but consolidation. `registry` may hold units of every period:
 * a unit's province does not change over its life.
 */
export function provinceOf(registry: readonly OrgUnit[], unit: string): string | null {
  const p = provinceOfUnit(registry, unit);
  return p && p.code !== unit ? p.code : null;
}

const denied = (province: string) =>
  fail.forbidden(`Your assignment does not cover ${province}.`, `Phân công của bạn không bao gồm ${province}.`);

export function assertProvinceReader(p: Principal, province: string, registry: readonly OrgUnit[]): void {
  const { role, unit } = p.assignment;
  if (role === "province" && unit === province) return;
  if (role === "clerk" && unit && provinceOf(registry, unit) === province) return;
  throw denied(province);
}

export function assertUnitReader(p: Principal, province: string, unit: string, registry: readonly OrgUnit[]): void {
  const a = p.assignment;
  if (a.role === "province" && a.unit === province) return;
  if (a.role === "clerk" && a.unit === unit && provinceOf(registry, unit) === province) return;
  throw fail.forbidden(`Your assignment does not cover the reporting unit ${unit}.`, `Phân công của bạn không bao gồm đơn vị báo cáo ${unit}.`);
}

export function assertProvinceStaff(p: Principal, province: string): void {
  if (p.assignment.role === "province" && p.assignment.unit === province) return;
  throw fail.forbidden(`Only staff of province ${province} may do this.`, `Chỉ cán bộ của tỉnh ${province} được thực hiện thao tác này.`);
}

export function assertUnitClerk(p: Principal, province: string, unit: string, registry: readonly OrgUnit[]): void {
  if (p.assignment.role === "clerk" && p.assignment.unit === unit && provinceOf(registry, unit) === province) return;
  throw fail.forbidden(`Only the clerk assigned to reporting unit ${unit} may submit for it.`, `Chỉ cán bộ được phân công của đơn vị báo cáo ${unit} mới được nộp số liệu cho đơn vị này.`);
}
