import { addDays } from "../calendar/period.ts";
import { lifespan } from "./dated.ts";
import { fastOrgUnit } from "./fast-parse.ts";
import { officialCode } from "./identity.ts";
import { LEVELS } from "./levels.ts";
import { OrgUnit } from "./orgunits.ts";

/** One problem with one unit of a registry being loaded; `row` is the 1-based row it came from. */
export interface RegistryProblem {
  row: number;
  code: string | null;
  field: string;
  message: { vi: string; en: string };
}

const depth = new Map(LEVELS.map((l) => [l.code, l.depth]));
const MIN = "0000-01-01";
const MAX = "9999-12-31";

/**
 * Checks a registry as a whole before anything is stored: every row parses, codes are unique,
 * parents exist, sit higher up and were valid over the child's whole life, the parent chain has
 * no cycle, and each predecessor ended the day before its successor began. Every problem is
 * returned (with its row), not just the first, so a clerk fixes the workbook in one pass.
 * `rows[i]` came from sheet row `rowNumbers[i]` (default i + 1).
 */
export function checkRegistry(rows: readonly unknown[], rowNumbers?: readonly number[]): { units: OrgUnit[]; problems: RegistryProblem[] } {
  const problems: RegistryProblem[] = [];
  const units: OrgUnit[] = [];
  const rowOf = new Map<string, number>();
  const say = (row: number, code: string | null, field: string, vi: string, en: string) => problems.push({ row, code, field, message: { vi, en } });
  rows.forEach((raw, i) => {
    const row = rowNumbers?.[i] ?? i + 1;
    // The hand check first (fast-parse.ts, equal to the schema); zod only to explain a failure.
    const fast = fastOrgUnit(raw);
    const r = fast ? { success: true as const, data: fast } : OrgUnit.safeParse(raw);
    if (!r.success) {
      const code = typeof (raw as { code?: unknown })?.code === "string" ? String((raw as { code: string }).code).slice(0, 40) : null;
      for (const is of r.error.issues.slice(0, 5)) {
        const field = is.path.map(String).join(".") || "(row)";
        say(row, code, field, `Dòng ${row}: trường "${field}" không hợp lệ (${is.message}).`, `Row ${row}: field "${field}" is invalid (${is.message}).`);
      }
      return;
    }
    const u = r.data;
    if (rowOf.has(u.code)) {
      say(row, u.code, "code", `Dòng ${row}: mã ${u.code} trùng với dòng ${rowOf.get(u.code)}.`, `Row ${row}: code ${u.code} repeats row ${rowOf.get(u.code)}.`);
      return;
    }
    if (u.validFrom && u.validTo && u.validTo < u.validFrom) {
      say(row, u.code, "validTo", `Dòng ${row}: ngày kết thúc (${u.validTo}) trước ngày bắt đầu (${u.validFrom}).`, `Row ${row}: validTo (${u.validTo}) is before validFrom (${u.validFrom}).`);
    }
    rowOf.set(u.code, row);
    units.push(u);
  });
  const byCode = new Map(units.map((u) => [u.code, u]));
  for (const u of units) {
    const row = rowOf.get(u.code)!;
    if (!u.parent) {
      if (u.level !== "province") say(row, u.code, "parent", `Dòng ${row}: đơn vị ${u.code} không phải cấp tỉnh nên phải có đơn vị cấp trên.`, `Row ${row}: ${u.code} is not a province, so it needs a parent.`);
    } else {
      const p = byCode.get(u.parent);
      if (!p) say(row, u.code, "parent", `Dòng ${row}: đơn vị cấp trên ${u.parent} không có trong danh mục.`, `Row ${row}: parent ${u.parent} is not in the registry.`);
      else {
        if ((depth.get(p.level) ?? 0) >= (depth.get(u.level) ?? 0)) {
          say(row, u.code, "parent", `Dòng ${row}: đơn vị cấp trên ${p.code} (${p.level}) không ở cấp cao hơn ${u.code} (${u.level}).`, `Row ${row}: parent ${p.code} (${p.level}) is not above ${u.code} (${u.level}).`);
        }
        if ((p.validFrom ?? MIN) > (u.validFrom ?? MIN) || (p.validTo ?? MAX) < (u.validTo ?? MAX)) {
          say(row, u.code, "parent", `Dòng ${row}: đơn vị cấp trên ${p.code} không tồn tại suốt thời gian của ${u.code}.`, `Row ${row}: parent ${p.code} was not valid over ${u.code}'s whole life.`);
        }
      }
    }
    for (const code of u.predecessors ?? []) {
      const p = byCode.get(code);
      if (!p) { say(row, u.code, "predecessors", `Dòng ${row}: đơn vị tiền thân ${code} không có trong danh mục.`, `Row ${row}: predecessor ${code} is not in the registry.`); continue; }
      if (!u.validFrom) { say(row, u.code, "validFrom", `Dòng ${row}: đơn vị có tiền thân phải có ngày bắt đầu.`, `Row ${row}: a unit with predecessors needs validFrom.`); break; }
      if (p.validTo !== addDays(u.validFrom, -1)) {
        say(row, u.code, "predecessors", `Dòng ${row}: đơn vị tiền thân ${code} phải kết thúc ngày ${addDays(u.validFrom, -1)}, trước ngày ${u.code} bắt đầu.`, `Row ${row}: predecessor ${code} must end on ${addDays(u.validFrom, -1)}, the day before ${u.code} begins.`);
      }
    }
  }
  problems.push(...intervalProblems(units, rowOf));
  // Cycles: walk each chain with a step limit; a chain longer than the registry loops.
  for (const u of units) {
    let cur = u.parent;
    for (let steps = 0; cur; steps++) {
      if (cur === u.code || steps > units.length) {
        const row = rowOf.get(u.code)!;
        say(row, u.code, "parent", `Dòng ${row}: quan hệ cấp trên của ${u.code} tạo thành vòng lặp.`, `Row ${row}: ${u.code}'s parents form a cycle.`);
        break;
      }
      cur = byCode.get(cur)?.parent ?? null;
    }
  }
  problems.sort((a, b) => a.row - b.row);
  return { units, problems };
}

/**
 * A code is an identity only together with its interval (identity.ts): the units one official
 * code names must not overlap in time, or "the unit with this code in this period" has two
 * answers; and an id's "@day" suffix must be the unit's own first day. Each overlap is reported
 * once, on the later row, naming both units and both intervals.
 */
function intervalProblems(units: readonly OrgUnit[], rowOf: ReadonlyMap<string, number>): RegistryProblem[] {
  const out: RegistryProblem[] = [];
  const byOfficial = new Map<string, OrgUnit[]>();
  for (const u of units) {
    const at = u.code.indexOf("@");
    if (at >= 0 && u.validFrom !== u.code.slice(at + 1)) {
      const row = rowOf.get(u.code)!;
      out.push({ row, code: u.code, field: "validFrom", message: {
        vi: `Dòng ${row}: mã ${u.code} ghi ngày bắt đầu ${u.code.slice(at + 1)} nhưng đơn vị bắt đầu ${u.validFrom ?? "(không ghi)"}; phần sau "@" phải là ngày bắt đầu của đơn vị.`,
        en: `Row ${row}: id ${u.code} names ${u.code.slice(at + 1)} as its first day but the unit starts ${u.validFrom ?? "(not given)"}; the part after "@" must be the unit's validFrom.`,
      } });
    }
    if (u.validFrom && u.validTo && u.validTo < u.validFrom) continue; // reported already
    const c = officialCode(u.code);
    const list = byOfficial.get(c);
    if (list) list.push(u); else byOfficial.set(c, [u]);
  }
  for (const [code, list] of byOfficial) {
    if (list.length < 2) continue;
    const sorted = [...list].sort((a, b) => (a.validFrom ?? MIN).localeCompare(b.validFrom ?? MIN) || rowOf.get(a.code)! - rowOf.get(b.code)!);
    // Sorted by first day, a unit overlaps an earlier one exactly when it starts on or before the latest end so far.
    let reach = sorted[0]!;
    for (const u of sorted.slice(1)) {
      if ((u.validFrom ?? MIN) <= (reach.validTo ?? MAX)) {
        const [first, second] = rowOf.get(reach.code)! < rowOf.get(u.code)! ? [reach, u] : [u, reach];
        const row = rowOf.get(second.code)!;
        out.push({ row, code: second.code, field: "validFrom", message: {
          vi: `Dòng ${row}: mã ${code} đã dùng cho ${first.name} (dòng ${rowOf.get(first.code)}, ${lifespan(first, "vi")}) trùng thời gian với ${second.name} (${lifespan(second, "vi")}). Một mã chỉ được chỉ một đơn vị trong mỗi thời kỳ: sửa ngày bắt đầu, ngày kết thúc của một trong hai đơn vị.`,
          en: `Row ${row}: code ${code} names ${first.name} (row ${rowOf.get(first.code)}, ${lifespan(first, "en")}) and, overlapping it, ${second.name} (${lifespan(second, "en")}). A code names one unit per period: fix the first or last day of one of them.`,
        } });
      }
      if ((u.validTo ?? MAX) > (reach.validTo ?? MAX)) reach = u;
    }
  }
  return out;
}
