import { PERIOD, UNIT_CODE } from "./codes.ts";
import { LIMITS, type SubmissionRequest } from "./submissions.ts";

/**
 * The SubmissionRequest schema checked by hand, for the server's hot path: zod spent ~0.6 ms on
 * a 30-commune body (600 values), more than JSON.parse. It accepts exactly what the schema
 * accepts and returns the same value, keys in the same order (the request hash is taken over
 * it); anything it is not sure of returns null and the caller runs zod, so a bad body still gets
 * zod's error. tests/shared/submission-fast-parse.property.test.ts holds it to that.
 */
const CATALOG_VERSION = /^\d+\.\d+\.\d+$/;
const INDICATOR_CODE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;
const CONTROL = /[\u0000-\u001f\u007f]/;
const TOP = new Set(["province", "unit", "district", "period", "catalogVersion", "baseVersion", "mode", "units", "source"]);

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
const unitCode = (v: unknown): v is string => typeof v === "string" && UNIT_CODE.test(v);
const safeText = (v: unknown, max: number): v is string => typeof v === "string" && v.length <= max && !CONTROL.test(v);
/** Exactly these keys, each present (strictObject without optional fields). */
function exactly(o: Plain, keys: readonly string[]): boolean {
  const ks = Object.keys(o);
  return ks.length === keys.length && keys.every((k) => own(o, k));
}

function values(v: unknown): Record<string, number | string | null> | null {
  if (!isPlain(v)) return null;
  const keys = Object.keys(v);
  if (keys.length > LIMITS.maxValuesPerUnit) return null;
  const out: Record<string, number | string | null> = {};
  for (const k of keys) {
    if (k.length > 80 || !INDICATOR_CODE.test(k)) return null;
    const x = v[k];
    if (x === null) out[k] = null;
    else if (typeof x === "number") {
      if (!Number.isFinite(x) || x < -LIMITS.maxAbsValue || x > LIMITS.maxAbsValue) return null;
      out[k] = x;
    } else if (safeText(x, LIMITS.maxTextValue)) out[k] = x;
    else return null;
  }
  return out;
}

export function fastSubmissionRequest(raw: unknown): SubmissionRequest | null {
  if (!isPlain(raw)) return null;
  for (const k of Object.keys(raw)) if (!TOP.has(k)) return null;
  const { province, unit, district, period, catalogVersion, baseVersion, mode, units, source } = raw;
  if (!unitCode(province) || !(typeof period === "string" && PERIOD.test(period)) || !(typeof catalogVersion === "string" && CATALOG_VERSION.test(catalogVersion))) return null;
  if (own(raw, "unit") && !unitCode(unit)) return null;
  if (own(raw, "district") && !unitCode(district)) return null;
  const code = (unit ?? district) as string | undefined;
  if (!code || (unit && district && unit !== district)) return null;
  if (!own(raw, "baseVersion") || !(baseVersion === null || (typeof baseVersion === "number" && Number.isSafeInteger(baseVersion) && baseVersion >= 0 && baseVersion <= 1e9))) return null;
  if (mode !== "merge" && mode !== "replace") return null;
  if (!Array.isArray(units) || units.length < 1 || units.length > LIMITS.maxUnits) return null;
  const seen = new Set<string>();
  const outUnits: SubmissionRequest["units"] = [];
  for (const u of units) {
    if (!isPlain(u) || !exactly(u, ["unit", "values"]) || !unitCode(u.unit) || seen.has(u.unit)) return null;
    seen.add(u.unit);
    const v = values(u.values);
    if (!v) return null;
    outUnits.push({ unit: u.unit, values: v });
  }
  if (!isPlain(source) || !exactly(source, ["workbook", "sheet", "fingerprint"])) return null;
  if (!safeText(source.workbook, 260) || !safeText(source.sheet, 100) || !safeText(source.fingerprint, 128)) return null;
  return {
    province, period, catalogVersion, baseVersion, mode, units: outUnits,
    source: { workbook: source.workbook, sheet: source.sheet, fingerprint: source.fingerprint }, unit: code,
  };
}
