import type { TableClient } from "@azure/data-tables";
import { randomUUID } from "node:crypto";
import { checkRegistry, crossProvinceProblems, provinceOfUnit, strandedBy, type OrgUnit, type RegistryProblem, type UnplacedValues } from "../../shared/index.ts";
import type { RegistryAuditEntry, RegistryImportResponse } from "../../shared/contract/index.ts";
import { readRegistryFresh, replaceRegistry } from "../store/registry-audit.ts";
import { storedRowsOf } from "../store/stored-rows.ts";
import { NATIONAL_REGISTRY } from "./national-registry.ts";
import type { Principal } from "./auth.ts";
import { ApiError } from "./errors.ts";
import { lostRace } from "../store/query.ts";

function refuse(problems: RegistryProblem[]): ApiError {
  return new ApiError(422, "invalid_registry", {
    vi: `Danh mục có ${problems.length} lỗi; chưa lưu gì. Sửa các dòng được nêu rồi gửi lại.`,
    en: `The registry has ${problems.length} problem(s); nothing was stored. Fix the rows listed and send it again.`,
  }, { problems: problems.slice(0, 500) });
}

/**
 * What a province may load: the whole-registry check, then its own scope: the province itself
 * at the root, and nothing of another province except the units its own units were formed from
 * (kept so that earlier periods can be reconstructed in its units).
 */
export function checkProvinceRegistry(province: string, rows: readonly unknown[]): { units: OrgUnit[]; problems: RegistryProblem[] } {
  const { units, problems } = checkRegistry(rows);
  if (problems.length) return { units, problems };
  const out: RegistryProblem[] = [];
  const root = units.findIndex((u) => u.code === province && !u.parent);
  if (root < 0) out.push({ row: 1, code: province, field: "code", message: { vi: `Danh mục phải có chính tỉnh ${province} (không có đơn vị cấp trên).`, en: `The registry must contain province ${province} itself (with no parent).` } });
  const byCode = new Map(units.map((u) => [u.code, u]));
  const lineage = new Set<string>();
  const queue = units.filter((u) => provinceOfUnit(units, u.code)?.code === province).flatMap((u) => u.predecessors ?? []);
  for (let c = queue.shift(); c; c = queue.shift()) {
    for (let u = byCode.get(c); u && !lineage.has(u.code); u = u.parent ? byCode.get(u.parent) : undefined) { lineage.add(u.code); queue.push(...(u.predecessors ?? [])); }
  }
  units.forEach((u, i) => {
    const p = provinceOfUnit(units, u.code)?.code;
    if (p !== province && !lineage.has(u.code)) {
      out.push({ row: i + 1, code: u.code, field: "parent", message: { vi: `Dòng ${i + 1}: ${u.code} thuộc tỉnh khác (${p ?? "không rõ"}) và không phải đơn vị tiền thân của đơn vị nào của tỉnh ${province}.`, en: `Row ${i + 1}: ${u.code} belongs to another province (${p ?? "unknown"}) and is no predecessor of a unit of ${province}.` } });
    }
  });
  if (!out.length) out.push(...crossProvinceProblems(province, units, NATIONAL_REGISTRY));
  return { units, problems: out };
}

const MAX_LISTED = 500;

function stranded(list: UnplacedValues[]): ApiError {
  const shown = list.slice(0, 20).map((u) => `${u.unit} (${u.period})`).join(", ");
  const more = list.length > 20 ? ` …` : "";
  return new ApiError(409, "stranded_data", {
    vi: `Danh mục mới làm mất chỗ của số liệu đã lưu ở ${list.length} đơn vị và kỳ: ${shown}${more}. Chưa lưu gì. Giữ các đơn vị này trong những kỳ đó, hoặc gửi lại với keepStranded: true để vẫn tính số liệu ấy và đánh dấu chúng trong tổng hợp.`,
    en: `The new registry leaves stored values without a place for ${list.length} unit(s) and period(s): ${shown}${more}. Nothing was stored. Keep these units in those periods, or send it again with keepStranded: true to keep counting those values, flagged in the rollups.`,
  }, { stranded: list.slice(0, MAX_LISTED), strandedCount: list.length });
}

const same = (a: OrgUnit, b: OrgUnit) => JSON.stringify(a) === JSON.stringify(b);

/** Validates, diffs against what is stored, and replaces it with its audit record, all or nothing. */
export async function importProvinceRegistry(t: TableClient, who: Principal, province: string, rows: readonly unknown[], opts: { keepStranded?: boolean } = {}): Promise<RegistryImportResponse> {
  const { units, problems } = checkProvinceRegistry(province, rows);
  if (problems.length) throw refuse(problems);
  const [current, stored] = await Promise.all([readRegistryFresh(t, province), storedRowsOf(t, province)]);
  // Checked against the registry read here; the replace below is conditional on its ETag, so a
  // registry changed in between is a 409, not an unchecked write.
  const lost = strandedBy(current?.units ?? null, units, province, stored);
  if (lost.length && !opts.keepStranded) throw stranded(lost);
  const before = new Map((current?.units ?? []).map((u) => [u.code, u]));
  const after = new Map(units.map((u) => [u.code, u]));
  const entry: RegistryAuditEntry = {
    id: randomUUID(), user: who.user, displayName: who.displayName, at: new Date().toISOString(), units: units.length,
    added: [...after.keys()].filter((c) => !before.has(c)),
    removed: [...before.keys()].filter((c) => !after.has(c)),
    changed: [...after].filter(([c, u]) => before.has(c) && !same(before.get(c)!, u)).map(([c]) => c),
  };
  try {
    await replaceRegistry(t, province, units, current?.etag ?? null, entry);
  } catch (e) {
    if (lostRace(e)) {
      throw new ApiError(409, "conflict", { vi: "Danh mục vừa được người khác thay đổi; hãy tải lại và gửi lại.", en: "The registry was just changed by someone else; reload it and send again." });
    }
    throw e;
  }
  return { province, audit: entry, ...(lost.length ? { stranded: lost.slice(0, MAX_LISTED) } : {}) };
}
