import { MAX_ASSIGNEE_TEXT, type AssignmentsResponse, type ProvinceAssignment } from "../../shared/contract/index.ts";
import { provinceOfUnit, type OrgUnit } from "../../shared/index.ts";
import { NATIONAL_REGISTRY } from "./national-registry.ts";
import type { AssignmentRow } from "../store/reference.ts";

/** Stored text as a listing may show it: a string, trimmed, at most MAX_ASSIGNEE_TEXT characters, control characters dropped. */
function text(v: unknown): string | null {
  if (typeof v !== "string") return null;
  const s = v.replace(/[\u0000-\u001f\u007f]/g, " ").trim();
  return s ? s.slice(0, MAX_ASSIGNEE_TEXT) : null;
}

/**
 * The province's assignments: its staff and the clerks of its own units of any period (the
 * registry holds them all), sorted by unit then name. Jobs and rows of other provinces are left
 * out, the units of other provinces a registry lists as predecessors included; so is any column
 * the listing does not name. The user id (the row key) is the sign-in identity the province's
 * staff manage people by.
 */
export function provinceAssignments(province: string, registry: readonly OrgUnit[], rows: readonly AssignmentRow[]): AssignmentsResponse {
  // A unit is the province's when its parents lead to the province and the national registry does not give it to another.
  const own = (code: string) => provinceOfUnit(registry, code)?.code === province && (provinceOfUnit(NATIONAL_REGISTRY, code)?.code ?? province) === province;
  const units = new Map(registry.filter((u) => own(u.code)).map((u) => [u.code, u]));
  const out: ProvinceAssignment[] = [];
  for (const r of rows) {
    if (r.role !== "clerk" && r.role !== "province") continue;
    if (typeof r.unit !== "string") continue;
    const unit = units.get(r.unit);
    if (r.role === "province" ? r.unit !== province : !unit || unit.code === province) continue;
    if (typeof r.rowKey !== "string") continue;
    const levels = r.role === "province" && typeof r.approvalLevels === "string" ? r.approvalLevels.split(",").map(Number).filter((n) => Number.isInteger(n) && n >= 1 && n <= 5) : [];
    out.push({ user: r.rowKey, role: r.role, unit: r.unit, unitName: unit?.name ?? null, name: text(r.name), email: text(r.email), ...(levels.length ? { levels } : {}) });
  }
  out.sort((a, b) => (a.role === b.role ? 0 : a.role === "province" ? -1 : 1) || a.unit.localeCompare(b.unit) || (a.name ?? "").localeCompare(b.name ?? "", "vi"));
  return { province, assignments: out };
}
