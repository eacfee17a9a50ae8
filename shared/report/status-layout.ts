import type { Lang } from "../model.ts";
import { rollupUnits, type RollupResponse } from "../contract/rollups.ts";
import type { ProvinceAssignment } from "../contract/assignments.ts";
import { asText } from "../annotate/cell-text.ts";
import { levelLabel } from "../registry/levels.ts";
import { periodInWords } from "./period-words.ts";
import { planPrintUpright, type PrintPlan } from "./print-plan.ts";
import { deadlineDay, statusInWords, statusWithApproval, vietnamTime } from "./unit-status.ts";

export { STATUS_SHEET } from "./sheet-names.ts";

/**
 * The clerks of each unit from the province's assignments (GET assignments/{province}), as the
 * status sheet names them: "name (e-mail)", or whichever of the two was recorded.
 */
export function clerksByUnit(list: readonly Pick<ProvinceAssignment, "role" | "unit" | "name" | "email">[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const a of list) {
    if (a.role !== "clerk") continue;
    const who = a.name && a.email ? `${a.name} (${a.email})` : a.name ?? a.email;
    if (!who) continue;
    out.set(a.unit, [...(out.get(a.unit) ?? []), who]);
  }
  return out;
}

type Cell = string | number;

/**
 * Column widths of the status sheet in characters, for every host that writes it; the fourth
 * holds the clerks of the units still to report, the seventh every unit's clerks, the last the
 * unit codes (a machine column, hidden: STATUS_HIDDEN).
 */
export const STATUS_WIDTHS: readonly number[] = [34, 14, 20, 30, 22, 18, 30, 12];
/** The status sheet's hidden columns: the unit codes, a column no other block of the sheet uses. */
export const STATUS_HIDDEN: readonly number[] = [7];

export interface StatusLayout {
  title: string[];
  /** Expected and received by level, on time, late, missing, and the on-time rate (a fraction). */
  summary: { header: string[]; rows: Cell[][]; formats: string[] };
  /** One row per reporting unit, late and missing first. */
  units: { header: string[]; rows: Cell[][] };
  /** Those still to report, with the people assigned to them when known. */
  missing: { header: string[]; rows: Cell[][] };
  /** 0-based row of the units' header: repeated on every printed page and kept in view below it. */
  unitsHeaderRow: number;
  /** How it prints (shared/report/print-plan.ts): one page wide, portrait when that keeps 8 pt, the code column left out. */
  plan: PrintPlan;
  /** Kept in view while scrolling: the rows through the units' header, the unit's name (column A). */
  freeze: { rows: number; columns: number };
}

/**
 * The "Tình hình nộp báo cáo" sheet: who has reported against the deadlines of the reporting
 * calendar (each unit's own, from the server), per level and in all, the on-time rate, and the
 * list of units still to report with their clerks. Presentation only, from the rollup.
 */
export function layoutStatus(rollup: RollupResponse, lang: Lang, opts: { clerks?: ReadonlyMap<string, string[]> } = {}): StatusLayout {
  const vi = lang === "vi";
  const units = rollupUnits(rollup);
  const byLevel = new Map<string, typeof units>();
  for (const u of units) byLevel.set(u.level, [...(byLevel.get(u.level) ?? []), u]);
  const line = (label: string, us: typeof units): Cell[] => {
    const onTime = us.filter((u) => u.status === "on_time").length;
    const late = us.filter((u) => u.status === "late").length;
    const received = onTime + late;
    return [label, us.length, received, onTime, late, us.length - received, us.length ? onTime / us.length : ""];
  };
  const order = (u: (typeof units)[number]) => ({ overdue: 0, missing: 1, late: 2, on_time: 3, reconstructed: 4 })[u.status];
  const sorted = [...units].sort((a, b) => order(a) - order(b) || (b.daysLate ?? 0) - (a.daysLate ?? 0) || a.name.localeCompare(b.name, "vi"));
  const safe = (row: Cell[]) => row.map((c) => (typeof c === "string" ? asText(c) : c));
  const clerks = (code: string) => opts.clerks?.get(code)?.join(", ") ?? "";
  const summaryRows = byLevel.size + 1;
  // Two title lines, a blank row, the summary's header and rows, a blank row: then the units' header.
  const unitsHeaderRow = 2 + 1 + 1 + summaryRows + 1;
  return {
    unitsHeaderRow,
    freeze: { rows: unitsHeaderRow + 1, columns: 1 },
    plan: planPrintUpright({ widths: [...STATUS_WIDTHS], hidden: [...STATUS_HIDDEN], lead: 1, repeatRows: [unitsHeaderRow, unitsHeaderRow] }, lang),
    title: safe([
      vi ? `TÌNH HÌNH NỘP BÁO CÁO — ${rollup.name.toLocaleUpperCase("vi")}` : `REPORTING STATUS — ${rollup.name}`,
      vi ? `${periodInWords(rollup.period, lang)} · tính đến ${vietnamTime(rollup.computedAt)} (giờ Việt Nam)` : `${periodInWords(rollup.period, lang)} · as of ${vietnamTime(rollup.computedAt)} (Vietnam time)`,
    ]) as string[],
    summary: {
      header: vi ? ["Cấp", "Phải báo cáo", "Đã nhận", "Đúng hạn", "Muộn", "Chưa gửi", "Tỷ lệ đúng hạn"] : ["Level", "Expected", "Received", "On time", "Late", "Not received", "On-time rate"],
      rows: [...[...byLevel].map(([level, us]) => safe(line(levelLabel(level, lang), us))), safe(line(vi ? "Tổng cộng" : "Total", units))],
      formats: ["@", "0", "0", "0", "0", "0", "0.0%"],
    },
    units: {
      // Readers find a unit by its name; its code rides along in the last column, hidden.
      header: vi ? ["Đơn vị", "Cấp", "Hạn nộp", "Tình trạng", "Gửi lần đầu", "Phiên bản", "Cán bộ phụ trách", "Mã"] : ["Unit", "Level", "Due", "Status", "First submitted", "Version", "Clerks", "Code"],
      rows: sorted.map((u) => safe([u.name, levelLabel(u.level, lang), u.dueAt ? deadlineDay(u.dueAt) : "", statusWithApproval(u, rollup.dueAt, lang), u.firstSubmittedAt ? vietnamTime(u.firstSubmittedAt) : "", u.submitted ? u.version : "", clerks(u.unit), u.unit])),
    },
    missing: {
      header: vi ? ["Đơn vị chưa gửi", "Hạn nộp", "Tình trạng", "Cán bộ phụ trách"] : ["Not yet received", "Due", "Status", "Clerks"],
      rows: sorted.filter((u) => !u.submitted).map((u) => safe([u.name, deadlineDay(u.dueAt ?? rollup.dueAt), statusInWords(u, rollup.dueAt, lang), clerks(u.unit)])),
    },
  };
}
