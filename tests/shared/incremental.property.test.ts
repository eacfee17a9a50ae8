import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compileValidator, getCatalog, groupByCause, readSheet, type CellValue, type Issue, type SheetGrid, type SheetRead } from "../../shared/index.ts";
import { affectedRows, changedRows, mergeIssues, patchGrid, issueKey, MAX_PATCH_ROWS } from "../../shared/validate/incremental.ts";
import { REGISTRY } from "../../seeds/orgunits.ts";

/**
 * Checking only the edited rows gives what checking the whole sheet again gives: after random
 * edits (numbers, text, blanks, a renamed or repeated unit, the total row, the header), the
 * previous issues of untouched rows merged with the new ones of affected rows are the full
 * check's issues, in its order.
 */
const catalog = getCatalog();
const NAMES = ["Xã Sơn Mỹ", "TT Tân Minh", "TT Tân Nghĩa", "Xã Sông Phan", "Xã Tân Đức", "Xã Tân Hà", "Xã Tân Phúc", "Xã Tân Thắng", "Xã mẫu 01"];
const HEADERS = ["Tổng số đảng viên", "Số chi bộ trực thuộc", "Chi bộ đạt TSVM", "Tỷ lệ chi bộ đạt TSVM (%)", "Tổng số hộ", "Số hộ nghèo"];

/** The pane's check (App.runValidation): the reader's issues and the rules', grouped by cause. */
function check(grid: SheetGrid): { read: SheetRead; issues: Issue[] } {
  const read = readSheet(grid, { catalog, lang: "vi", registry: REGISTRY });
  const found = compileValidator(catalog, { lang: "vi", totalUnitId: read.scope })(read.table, { history: read.history });
  return { read, issues: groupByCause([...read.issues, ...found], "vi") };
}

const value: fc.Arbitrary<CellValue> = fc.oneof(
  fc.integer({ min: 0, max: 900 }), fc.integer({ min: -5, max: 5 }), fc.double({ min: 0, max: 100, noNaN: true }).map((x) => Math.round(x * 100) / 100),
  fc.constantFrom(null, "", "abc", "1.234", "12,5", "#DIV/0!", "=SUM(B2:B3)", "—"),
);

const sheet = fc.record({
  units: fc.integer({ min: 2, max: 7 }).chain((n) => fc.shuffledSubarray(NAMES, { minLength: n, maxLength: n })),
  seed: fc.array(fc.tuple(fc.integer({ min: 20, max: 400 }), fc.integer({ min: 1, max: 15 }), fc.integer({ min: 0, max: 18 }), fc.integer({ min: 50, max: 900 }), fc.integer({ min: 0, max: 120 })), { minLength: 7, maxLength: 7 }),
  total: fc.constantFrom("none", "right", "off"),
  titles: fc.integer({ min: 0, max: 2 }),
}).map(({ units, seed, total, titles }) => {
  const rows = units.map((u, i) => { const [m, c, t, h, p] = seed[i]!; return [u, m, c, Math.min(t, c), Math.round((Math.min(t, c) / c) * 10000) / 100, h, Math.min(p, h)] as CellValue[]; });
  const sum = (k: number) => rows.reduce((s, r) => s + (r[k] as number), 0);
  const totalRow: CellValue[] | null = total === "none" ? null : ["Toàn huyện", sum(1) + (total === "off" ? 7 : 0), sum(2), sum(3), null, sum(5), sum(6)];
  const title: CellValue[][] = [["BÁO CÁO CHẤT LƯỢNG HỆ THỐNG CHÍNH TRỊ CƠ SỞ"], []].slice(2 - titles);
  return { name: "Báo cáo", values: [...title, ["Đơn vị", ...HEADERS], ...rows, ...(totalRow ? [totalRow] : [])] } satisfies SheetGrid;
});

/** An edit: a grid row (0-based) and what changes in it (column → new value; column 0 may take another unit's name). */
const edits = fc.array(fc.record({ row: fc.nat(), anywhere: fc.integer({ min: 0, max: 4 }).map((k) => k === 0), cells: fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.oneof(value, fc.constantFrom(...NAMES))), { minLength: 1, maxLength: 4 }) }), { minLength: 1, maxLength: 4 });

function apply(grid: SheetGrid, list: { row: number; anywhere: boolean; cells: [number, CellValue][] }[]): { next: SheetGrid; rows: number[] } {
  const values = grid.values.map((r) => [...r]);
  const rows = new Set<number>();
  // Mostly the data rows, as a clerk edits; now and then the title, header or total.
  const first = values.findIndex((r) => r[0] === "Đơn vị") + 1;
  for (const e of list) {
    const i = e.anywhere ? e.row % values.length : first + (e.row % (values.length - first));
    for (const [c, v] of e.cells) { while (values[i]!.length <= c) values[i]!.push(null); values[i]![c] = v; }
    rows.add(i + 1);
  }
  return { next: { ...grid, values }, rows: [...rows] };
}

describe("re-checking only the edited rows", () => {
  it("gives the issues of a full check, after any edits", () => {
    let incremental = 0;
    fc.assert(fc.property(sheet, edits, (grid, list) => {
      const before = check(grid);
      const { next, rows } = apply(grid, list);
      const full = check(next);
      // What the pane has: the edited rows as Excel gives them, patched into its earlier grid.
      const patched = patchGrid(grid, rows.map((r) => ({ row: r, values: next.values[r - 1]! })));
      expect(patched).not.toBeNull();
      const after = check(patched!);
      const affected = affectedRows(before.read, after.read, rows);
      if (affected) incremental++;
      const merged = mergeIssues(before.issues, after.issues, affected, new Set(after.read.units.map((u) => u.row)), grid.name);
      expect(merged.map(issueKey)).toEqual(full.issues.map(issueKey));
    }), { numRuns: 300 });
    // Most random edits stay within unit rows: the incremental path is what the property exercised.
    expect(incremental).toBeGreaterThan(90);
  });

  it("keeps the issues of untouched rows as they were (the same objects), and only those", () => {
    const grid: SheetGrid = { name: "S", values: [["Đơn vị", ...HEADERS], ["Xã Sơn Mỹ", 100, 10, 12, 120, 500, 20], ["TT Tân Minh", 80, 8, 4, 50, 400, 30], ["Xã Sông Phan", "abc", 5, 2, 40, 300, 10]] };
    const before = check(grid);
    const onRow = (list: Issue[], r: number) => list.filter((i) => i.cells.some((c) => c.endsWith(String(r))));
    expect(onRow(before.issues, 2).length).toBeGreaterThan(0); // 12 of 10 cells, and a wrong rate
    expect(onRow(before.issues, 4).length).toBeGreaterThan(0); // "abc"
    const next = patchGrid(grid, [{ row: 4, values: ["Xã Sông Phan", 90, 5, 2, 40, 300, 10] }])!;
    const after = check(next);
    const affected = affectedRows(before.read, after.read, [4]);
    expect(affected && [...affected]).toEqual([4]);
    const merged = mergeIssues(before.issues, after.issues, affected, new Set(after.read.units.map((u) => u.row)), "S");
    expect(onRow(merged, 4)).toEqual([]);
    for (const i of onRow(before.issues, 2)) expect(merged).toContain(i);
  });

  it("falls back to a full check when the header or a non-unit row changes", () => {
    const grid: SheetGrid = { name: "S", values: [["Đơn vị", ...HEADERS], ["Xã Sơn Mỹ", 100, 10, 5, 50, 500, 20], ["TT Tân Minh", 80, 8, 4, 50, 400, 30]] };
    const before = check(grid);
    const next = patchGrid(grid, [{ row: 1, values: ["Đơn vị", "Số hộ nghèo", ...HEADERS.slice(1)] }])!;
    expect(affectedRows(before.read, check(next).read, [1])).toBeNull();
  });
});

describe("changed rows from an onChanged address", () => {
  it("reads cells, ranges, whole rows and sheet-qualified addresses", () => {
    expect(changedRows("E13")).toEqual([13]);
    expect(changedRows("$B$9:C7")).toEqual([7, 8, 9]);
    expect(changedRows("'Báo cáo'!A2:B3")).toEqual([2, 3]);
    expect(changedRows("5:6")).toEqual([5, 6]);
    expect(changedRows("A1, C3:C4")).toEqual([1, 3, 4]);
  });

  it("says null (read it all) for whole columns, junk, zero rows and oversized areas", () => {
    for (const a of ["C:C", "", "hello", "A0", "0:3", "ZZZZ1", "A1:B", `A1:A${MAX_PATCH_ROWS + 1}`, "A1:XFD1048576", "=cmd|' /C calc'!A0"]) expect(changedRows(a)).toBeNull();
  });

  it("patchGrid refuses rows outside the grid (the table grew) and leaves the grid alone", () => {
    const grid: SheetGrid = { name: "S", values: [["a", 1], ["b", 2]], origin: { row: 3, col: 0 } };
    expect(patchGrid(grid, [{ row: 3, values: ["x"] }])).toBeNull();
    expect(patchGrid(grid, [{ row: 6, values: ["x"] }])).toBeNull();
    expect(patchGrid(grid, [{ row: 4, values: ["x", 1, 2] }])).toBeNull();
    expect(patchGrid(grid, [{ row: 5, values: ["c", 3] }])!.values).toEqual([["a", 1], ["c", 3]]);
    expect(grid.values).toEqual([["a", 1], ["b", 2]]);
  });
});
