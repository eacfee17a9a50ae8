import { compileValidator, getCatalog, readSheet, type Issue, type Lang } from "../../shared/index.ts";
import type { SheetSnapshot } from "../../addin/src/excel/adapter.ts";
import { FakeWorkbook } from "./fake-excel/index.ts";

/** Headers the catalog recognises, so validation finds real issues in generated sheets. */
export const HEADERS = ["STT", "Đơn vị", "Tổng số đảng viên", "Số đảng viên kết nạp trong kỳ", "Số chi bộ trực thuộc", "Tổng số hộ", "Số hộ nghèo", "Ghi chú"];

/**
 * A district sheet of `rows` communes starting at B3 (a title above it), with a fixed share of
 * bad rows (admitted > members every 10th row, poor > households every 25th), some clerk fills and
 * notes, and text that looks like a formula.
 */
export function unitWorkbook(rows: number): FakeWorkbook {
  const wb = new FakeWorkbook();
  const s = wb.add("Báo cáo");
  wb.add("Nguồn").cell(0, 0).value = "Số liệu tổng hợp từ các xã";
  s.cell(0, 1).value = "BÁO CÁO HỆ THỐNG CHÍNH TRỊ CƠ SỞ";
  HEADERS.forEach((h, c) => { s.cell(2, c + 1).value = h; s.cell(2, c + 1).bold = true; s.cell(2, c + 1).fill = { color: "#D9E1F2", pattern: "Solid" }; });
  for (let i = 1; i <= rows; i++) {
    const r = 2 + i;
    const row = [i, `Xã Thử Nghiệm ${i}`, 100 + (i % 50), i % 10 === 0 ? 900 : 10 + (i % 7), 5 + (i % 3), 1000 + i, i % 25 === 0 ? 5000 : 40 + (i % 9), i % 13 === 0 ? "=không phải công thức" : ""];
    row.forEach((v, c) => { if (v !== "") s.cell(r, c + 1).value = v; });
    if (i % 6 === 0) s.cell(r, 3).fill = { color: "#E2EFDA", pattern: "Solid" };
    if (i % 20 === 0) s.cell(r, 4).note = `Ghi chú của cán bộ, dòng ${i}`;
    if (i % 40 === 0) s.cell(r, 7).fill = { color: "#FFFFFF", pattern: "Solid" };
  }
  return wb;
}

export function validate(snap: SheetSnapshot, lang: Lang = "vi"): Issue[] {
  const catalog = getCatalog();
  const read = readSheet(snap.grid, { catalog, lang });
  return [...read.issues, ...compileValidator(catalog, { lang })(read.table)];
}

/**
 * The text a reader of a written sheet sees: every cell outside the hidden columns, as written
 * (Office.js' text mark removed). Codes and logins must not be in it (issue 19).
 */
export function shownText(s: import("./fake-excel/model.ts").FakeSheet): string[] {
  const out: string[] = [];
  for (const [, c, cell] of s.entries()) if (!s.hiddenColumns.has(c) && cell.value !== "" && cell.value !== null) out.push(String(cell.value).replace(/^'/, ""));
  return out;
}

/** The shown cells that are one of `codes` or name a login (clerk-…, province-…, or any of `logins`). */
export function codesShown(s: import("./fake-excel/model.ts").FakeSheet, codes: Iterable<string>, logins: Iterable<string> = []): string[] {
  const set = new Set(codes);
  const who = [...logins];
  return shownText(s).filter((t) => set.has(t.trim()) || /\b(clerk|province|admin)-[A-Z]/.test(t) || who.some((l) => t.includes(l)));
}
