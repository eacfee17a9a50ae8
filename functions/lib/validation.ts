import type { Catalog, Issue, OrgUnit, Target } from "../../shared/index.ts";
import { catalogFor, periodOf } from "../../shared/index.ts";
import { aggregate, compileValidator, descendantsOf, formatNumber, lifespan, outlier, provinceOfUnit, render, tableFromRecords, totalUnusualChange } from "../../shared/index.ts";
import type { EarlierValues } from "./earlier-values.ts";
import type { SubmissionRequest } from "../../shared/contract/index.ts";
import { ApiError } from "./errors.ts";

/** A refusal as an Issue: Vietnamese message, English in the hint (Issue has one message). */
function issue(rule: string, unit: string | null, indicators: string[], vi: string, en: string): Issue {
  return { severity: "error", rule, sheet: "", cells: [], unit, indicators, message: vi, hint: en };
}

function invalid(issues: Issue[], vi: string, en: string): ApiError {
  return new ApiError(422, "invalid", { vi, en }, { issues: issues.map(({ severity, rule, sheet, cells, unit, indicators, message, hint }) => ({ severity, rule, sheet, cells, unit, indicators, message, hint })) });
}

/**
 * The server's re-validation of a submission. Codes the catalog or the registry does not know are
 * refused first (422, one issue each); then the shared validator runs over the submission's units,
 * exactly as the add-in and the CLI run it. `registry` is the period's units (unitsValidIn);
 * `everUnits`, the whole registry, only words the refusal of a unit of another period. Errors refuse the submission; the rest are warnings.
 */
export function validateSubmission(req: SubmissionRequest, base: Catalog, registry: readonly OrgUnit[], targets: readonly Target[], earlier?: EarlierValues | ReadonlyMap<string, readonly Record<string, number>[]>, everUnits?: readonly OrgUnit[]): Issue[] {
  const history: ReadonlyMap<string, readonly Record<string, number>[]> | undefined = earlier instanceof Map ? earlier : (earlier as EarlierValues | undefined)?.history;
  const [major] = base.version.split(".");
  if (req.catalogVersion.split(".")[0] !== major) {
    throw invalid([issue("catalog_version", null, [], `Phiên bản danh mục ${req.catalogVersion} không tương thích với máy chủ (${base.version}).`, `Catalog version ${req.catalogVersion} is not compatible with the server's ${base.version}.`)],
      "Phiên bản danh mục chỉ tiêu không tương thích; hãy cập nhật phần bổ trợ.", "Incompatible indicator catalog version; update the add-in.");
  }
  // The period's administrative structure decides which indicators exist and what sums to what
  // (no thị trấn from 1/7/2025, đặc khu since); stored data keeps whatever its version had.
  const catalog = catalogFor(base, req.period);
  // `registry` holds the units of the period; the reporting unit is one directly under the province.
  const reportingUnit = registry.find((u) => u.code === req.unit && u.parent === req.province);
  if (!reportingUnit) {
    const other = everUnits?.find((u) => u.code === req.unit);
    if (other && provinceOfUnit(everUnits!, other.code)?.code === req.province && other.parent === req.province) {
      throw invalid([issue("unit_not_in_period", req.unit, [], `Đơn vị ${other.name} (${req.unit}) không tồn tại trong kỳ ${req.period}; đơn vị này chỉ tồn tại ${lifespan(other, "vi")}.`, `Unit ${other.name} (${req.unit}) did not exist in period ${req.period}; it existed ${lifespan(other, "en")}.`)],
        "Đơn vị báo cáo không tồn tại trong kỳ báo cáo này.", "The reporting unit did not exist in this period.");
    }
    throw invalid([issue("unknown_unit", req.unit, [], `Đơn vị ${req.unit} không phải đơn vị báo cáo trực thuộc tỉnh ${req.province} trong kỳ ${req.period}.`, `Unit ${req.unit} is not a reporting unit directly under province ${req.province} in period ${req.period}.`)],
      "Mã đơn vị báo cáo không có trong danh mục đơn vị của kỳ này.", "Unknown reporting unit for this period.");
  }
  const allowed = unitsUnder(registry, reportingUnit);
  const unknown: Issue[] = [];
  for (const u of req.units) {
    if (!allowed.has(u.unit)) unknown.push(issue("unknown_unit", u.unit, [], `Đơn vị ${u.unit} không thuộc ${reportingUnit.name} trong kỳ ${req.period}.`, `Unit ${u.unit} is not under ${reportingUnit.name} in period ${req.period}.`));
    for (const code of Object.keys(u.values)) {
      if (catalog.byCode.has(code)) continue;
      const other = base.byCode.get(code);
      if (other) unknown.push(issue("indicator_not_in_period", u.unit, [code], `Chỉ tiêu "${other.label.vi}" (${code}) không áp dụng cho kỳ ${req.period} theo cơ cấu đơn vị hành chính của kỳ này.`, `Indicator "${other.label.en}" (${code}) does not apply to period ${req.period} under that period's administrative structure.`));
      else unknown.push(issue("unknown_indicator", u.unit, [code], `Chỉ tiêu ${code} không có trong danh mục ${base.version}.`, `Indicator ${code} is not in catalog ${base.version}.`));
    }
  }
  if (unknown.length) throw invalid(unknown.slice(0, 200), "Có mã đơn vị hoặc mã chỉ tiêu không xác định.", "Some unit or indicator codes are unknown.");

  const records = req.units.map((u) => ({ unit: u.unit, unitId: u.unit, level: allowed.get(u.unit)!.level, values: u.values }));
  const { table, issues: parseIssues } = tableFromRecords(records, catalog, { sheet: req.source.sheet });
  const inScope = (unitId: string, scope: string) => {
    for (let u = allowed.get(unitId) ?? registry.find((x) => x.code === unitId); u; u = u.parent ? registry.find((x) => x.code === u!.parent) : undefined) if (u.code === scope) return true;
    return false;
  };
  const year = periodOf(req.period).year;
  const issues = [...parseIssues, ...validatorFor(catalog, registry, reportingUnit.code, targets.filter((t) => t.year === year), inScope)(table, { history })];
  // Rows below the reporting unit (a commune's cells): its own total against its (reconstructed) past.
  const past = history?.get(reportingUnit.code);
  if (past && !req.units.some((u) => u.unit === reportingUnit.code)) {
    const notes = earlier && !(earlier instanceof Map) ? (earlier as EarlierValues).reconstructed.get(reportingUnit.code) : undefined;
    issues.push(...totalUnusualChange(catalog, reportingUnit, aggregate(records, catalog), past, { sheet: req.source.sheet, ...(notes ? { reconstructed: notes } : {}) }));
  }
  // A row whose history was reconstructed from predecessors says so (and whether it is approximate).
  if (earlier && !(earlier instanceof Map)) {
    const notes = (earlier as EarlierValues).reconstructed;
    for (let i = 0; i < issues.length; i++) {
      const is = issues[i]!;
      const note = is.rule === "outlier" && is.unit ? notes.get(is.unit) : undefined;
      if (!note) continue;
      const code = is.indicators[0]!;
      const value = table.values.get(code)?.[records.findIndex((r) => r.unitId === is.unit)];
      const past = (history?.get(is.unit!) ?? []).map((p: Record<string, number>) => p[code]).filter((v): v is number => typeof v === "number");
      const o = value === undefined ? null : outlier(value, past);
      if (!o) continue;
      issues[i] = { ...is, rule: "outlier_reconstructed", ...render("outlier_reconstructed", "vi", { unit: is.unit!, name: catalog.byCode.get(code)?.label.vi ?? code, value: formatNumber(value!, "vi"), median: formatNumber(o.median, "vi"), approximate: note.approximate.includes(code) ? "yes" : "" }) };
    }
  }
  const errors = issues.filter((i) => i.severity === "error");
  if (errors.length) throw invalid(issues, `Số liệu có ${errors.length} lỗi; chưa lưu. Hãy sửa các ô được đánh dấu rồi nộp lại.`, `The data has ${errors.length} error(s); nothing was stored. Fix the marked cells and submit again.`);
  return issues;
}

const under = new WeakMap<readonly OrgUnit[], Map<string, Map<string, OrgUnit>>>();

/** A reporting unit and its descendants by code, per registry snapshot (a walk of the registry otherwise). */
function unitsUnder(registry: readonly OrgUnit[], reportingUnit: OrgUnit): Map<string, OrgUnit> {
  let byUnit = under.get(registry);
  if (!byUnit) { byUnit = new Map(); under.set(registry, byUnit); }
  let m = byUnit.get(reportingUnit.code);
  if (!m) { m = new Map<string, OrgUnit>([[reportingUnit.code, reportingUnit], ...descendantsOf(registry, reportingUnit.code).map((u) => [u.code, u] as const)]); byUnit.set(reportingUnit.code, m); }
  return m;
}

type Validator = ReturnType<typeof compileValidator>;
const catalogIds = new WeakMap<Catalog, number>();
let nextCatalogId = 0;
/** A stable id per catalog view, so one registry's validators for two periods never collide. */
function catalogId(catalog: Catalog): number {
  let id = catalogIds.get(catalog);
  if (id === undefined) { id = nextCatalogId++; catalogIds.set(catalog, id); }
  return id;
}
const compiled = new WeakMap<readonly OrgUnit[], Map<string, Validator>>();

/** Compiled once per registry snapshot, reporting unit and target set, not per request. */
function validatorFor(catalog: Catalog, registry: readonly OrgUnit[], unitCode: string, targets: Target[], inScope: (u: string, s: string) => boolean): Validator {
  let byKey = compiled.get(registry);
  if (!byKey) { byKey = new Map(); compiled.set(registry, byKey); }
  // The period's view of the catalog is its own object (catalogFor caches one per day): keyed by it.
  const key = `${catalog.version}|${catalogId(catalog)}|${unitCode}|${targets.map((t) => t.id).join(",")}`;
  let v = byKey.get(key);
  if (!v) { v = compileValidator(catalog, { targets, inScope, totalUnitId: unitCode }); byKey.set(key, v); }
  return v;
}
