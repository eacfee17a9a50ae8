import type { OrgUnit } from "../../shared/index.ts";
import type { Principal } from "./auth.ts";
import { fail } from "./errors.ts";

/**
 * Scopes from the assignment table: a clerk holds one district (and reads its province's rollup),
 * province staff hold a province, a job holds nothing but consolidation.
 */
export function provinceOf(registry: readonly OrgUnit[], district: string): string | null {
  return registry.find((u) => u.code === district && u.level === "district")?.parent ?? null;
}

const denied = (province: string) =>
  fail.forbidden(`Your assignment does not cover ${province}.`, `Phân công của bạn không bao gồm ${province}.`);

export function assertProvinceReader(p: Principal, province: string, registry: readonly OrgUnit[]): void {
  const { role, unit } = p.assignment;
  if (role === "province" && unit === province) return;
  if (role === "clerk" && unit && provinceOf(registry, unit) === province) return;
  throw denied(province);
}

export function assertDistrictReader(p: Principal, province: string, district: string, registry: readonly OrgUnit[]): void {
  const { role, unit } = p.assignment;
  if (role === "province" && unit === province) return;
  if (role === "clerk" && unit === district && provinceOf(registry, district) === province) return;
  throw fail.forbidden(`Your assignment does not cover district ${district}.`, `Phân công của bạn không bao gồm huyện ${district}.`);
}

export function assertProvinceStaff(p: Principal, province: string): void {
  if (p.assignment.role === "province" && p.assignment.unit === province) return;
  throw fail.forbidden(`Only staff of province ${province} may do this.`, `Chỉ cán bộ của tỉnh ${province} được thực hiện thao tác này.`);
}

export function assertDistrictClerk(p: Principal, province: string, district: string, registry: readonly OrgUnit[]): void {
  if (p.assignment.role === "clerk" && p.assignment.unit === district && provinceOf(registry, district) === province) return;
  throw fail.forbidden(`Only the clerk of district ${district} may submit for it.`, `Chỉ cán bộ được phân công của huyện ${district} mới được nộp số liệu cho huyện này.`);
}
