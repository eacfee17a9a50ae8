import type { CellValue, SheetGrid } from "../model.ts";
import { fold } from "../parse/text.ts";
import { checkRegistry, type RegistryProblem } from "./check.ts";
import { LEVELS, TYPE_PREFIX, UNIT_TYPES } from "./levels.ts";
import type { OrgUnit } from "./orgunits.ts";

/**
 * A registry as a province's staff keep it in a workbook: one row per unit under a header row
 * naming the columns, in Vietnamese or English, with or without diacritics. Levels and types may
 * be written as people say them ("xã", "Đặc khu", "chi bộ") or as their codes; dates as Excel
 * dates, "01/07/2025" or "2025-07-01"; predecessors and other names separated by ";" or ",".
 */
const COLUMNS: Record<keyof Omit<OrgUnit, "sample"> | "sample", string[]> = {
  code: ["ma", "ma don vi", "code"],
  name: ["ten", "ten don vi", "name"],
  level: ["cap", "level"],
  type: ["loai", "loai hinh", "type"],
  parent: ["don vi cap tren", "cap tren", "ma cap tren", "parent"],
  validFrom: ["hieu luc tu", "tu ngay", "valid from", "validfrom"],
  validTo: ["hieu luc den", "den ngay", "valid to", "validto"],
  predecessors: ["tien than", "don vi tien than", "predecessors"],
  partial: ["tien than mot phan", "mot phan", "partial"],
  sample: ["mau", "don vi mau", "sample"],
  aliases: ["ten khac", "ten goi khac", "aliases"],
};

const LEVEL_WORDS = new Map<string, string>([
  ...LEVELS.map((l) => [l.code, l.code] as const),
  ["tinh", "province"], ["thanh pho truc thuoc trung uong", "province"], ["huyen", "district"], ["cap huyen", "district"],
  ["xa", "commune"], ["cap xa", "commune"], ["thon", "village"], ["to dan pho", "village"], ["chi bo", "cell"],
]);
const TYPE_WORDS = new Map<string, string>([
  ...UNIT_TYPES.map((t) => [t, t] as const),
  ...Object.entries(TYPE_PREFIX).map(([t, p]) => [fold(p), t] as const),
  ["thanh pho truc thuoc trung uong", "thanh_pho_tw"], ["dac khu", "dac_khu"],
]);
// "Thành phố" is both a city under a province and a centrally-run city: the level tells them apart.
TYPE_WORDS.set("thanh pho", "thanh_pho");

export const MAX_IMPORT_ROWS = 20_000;

function text(v: CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") return "";
  return String(v).trim();
}

function date(v: CellValue): string | undefined | null {
  if (v === null || v === undefined || v === "") return undefined;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  const s = text(v);
  if (!s) return undefined;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) return s;
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  return null;
}

const list = (v: CellValue) => text(v).split(/[;,\n]/).map((x) => x.trim()).filter(Boolean);

/**
 * Rows of the grid as candidate units, then the whole-registry check. Returns every problem with
 * its sheet row; `units` is only meant to be used when there are none.
 */
export function registryFromGrid(grid: SheetGrid): { units: OrgUnit[]; problems: RegistryProblem[] } {
  const origin = (grid.origin?.row ?? 0) + 1;
  const say = (row: number, field: string, vi: string, en: string): RegistryProblem => ({ row, code: null, field, message: { vi, en } });
  // The header row: the first of the first ten rows that names both a code and a name column.
  let headerAt = -1;
  let cols = new Map<string, number>();
  for (let r = 0; r < Math.min(10, grid.values.length) && headerAt < 0; r++) {
    const m = new Map<string, number>();
    (grid.values[r] ?? []).forEach((v, c) => {
      const f = fold(text(v)).replace(/[()*:]/g, "").trim();
      for (const [key, names] of Object.entries(COLUMNS)) if (names.includes(f) && !m.has(key)) m.set(key, c);
    });
    if (m.has("code") && m.has("name")) { headerAt = r; cols = m; }
  }
  if (headerAt < 0) {
    return { units: [], problems: [say(origin, "(header)", "Không tìm thấy dòng tiêu đề có cột \"Mã\" và \"Tên\" trong 10 dòng đầu.", "No header row with \"Mã\"/\"code\" and \"Tên\"/\"name\" columns in the first 10 rows.")] };
  }
  for (const need of ["level", "type"]) {
    if (!cols.has(need)) return { units: [], problems: [say(origin + headerAt, need, `Thiếu cột "${need === "level" ? "Cấp" : "Loại"}".`, `Missing the "${need}" column.`)] };
  }
  const rows: unknown[] = [];
  const numbers: number[] = [];
  const problems: RegistryProblem[] = [];
  const dataRows = grid.values.length - headerAt - 1;
  if (dataRows > MAX_IMPORT_ROWS) {
    return { units: [], problems: [say(origin + headerAt + 1, "(rows)", `Danh mục có ${dataRows} dòng, vượt quá giới hạn ${MAX_IMPORT_ROWS} dòng.`, `The registry has ${dataRows} rows, more than the limit of ${MAX_IMPORT_ROWS}.`)] };
  }
  for (let r = headerAt + 1; r < grid.values.length; r++) {
    const line = grid.values[r] ?? [];
    const at = (k: string) => (cols.has(k) ? line[cols.get(k)!] : undefined);
    if (line.every((v) => text(v) === "")) continue;
    const row = origin + r;
    const levelText = fold(text(at("level")));
    const typeText = fold(text(at("type")));
    const level = LEVEL_WORDS.get(levelText) ?? levelText;
    let type = TYPE_WORDS.get(typeText) ?? typeText.replace(/\s+/g, "_");
    if (type === "thanh_pho" && level === "province") type = "thanh_pho_tw";
    const from = date(at("validFrom"));
    const to = date(at("validTo"));
    if (from === null) problems.push({ ...say(row, "validFrom", `Dòng ${row}: ngày "Hiệu lực từ" không đọc được (dùng dd/mm/yyyy).`, `Row ${row}: validFrom is not a date (use dd/mm/yyyy).`), code: text(at("code")) || null });
    if (to === null) problems.push({ ...say(row, "validTo", `Dòng ${row}: ngày "Hiệu lực đến" không đọc được (dùng dd/mm/yyyy).`, `Row ${row}: validTo is not a date (use dd/mm/yyyy).`), code: text(at("code")) || null });
    const predecessors = list(at("predecessors") ?? null);
    const sample = fold(text(at("sample")));
    const unit: Record<string, unknown> = {
      code: text(at("code")), name: text(at("name")), level, type,
      parent: text(at("parent")) || null, sample: ["x", "co", "yes", "true", "1", "mau"].includes(sample), aliases: list(at("aliases") ?? null),
    };
    if (from) unit.validFrom = from;
    if (to) unit.validTo = to;
    if (predecessors.length) unit.predecessors = predecessors;
    const partial = list(at("partial") ?? null);
    if (partial.length) unit.partial = partial;
    rows.push(unit);
    numbers.push(row);
  }
  if (!rows.length) return { units: [], problems: [say(origin + headerAt + 1, "(rows)", "Danh mục không có đơn vị nào.", "The registry lists no unit.")] };
  const checked = checkRegistry(rows, numbers);
  return { units: checked.units, problems: [...problems, ...checked.problems].sort((a, b) => a.row - b.row) };
}
