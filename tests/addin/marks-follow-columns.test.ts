
import { describe, expect, it } from "vitest";
import { formats, setUpMarkedSeed } from "./marked-seed.ts";
import { deleteColumn, insertColumn, shiftColumns } from "./fake-excel/columns.ts";
import { validate } from "./sheets.ts";

/**
 * The clerk deletes or inserts columns after marking: Excel moves the marks (fills, notes) with
 * the cells and rewrites the record's column anchors, so Clear finds every mark where it is now
 * and puts the clerk's own formatting back (marks-follow-rows.test.ts does the same for rows).
 */
/** What deleting (by -1) or inserting (+1) 0-based column `col` does to those. */
const shifted = (list: string[], col: number, by: -1 | 1) => list
  .map((x) => x.split(",")).filter(([, c]) => by === 1 || Number(c) !== col)
  .map(([r, c, ...rest]) => [r, Number(c) > col || (by === 1 && Number(c) === col) ? Number(c) + by : Number(c), ...rest].join(",")).sort();

describe("marks follow the columns they were put on", () => {
  it("Clear after deleting a marked column and inserting another restores every cell where it now is", async () => {
    const { wb, sheet, adapter } = await setUpMarkedSeed();
    const before = formats(sheet);
    const snap = await adapter.readSheet("Báo cáo");
    await adapter.annotate(validate(snap), "vi", snap.sheets);
    const marked = formats(sheet);
    expect(marked.length).toBeGreaterThan(before.length);
    // A column that holds marks goes (column E), then one is put in before column C.
    expect(marked.some((x) => x.split(",")[1] === "4")).toBe(true);
    deleteColumn(wb, sheet, 4);
    insertColumn(wb, sheet, 2);
    expect((await adapter.clear()).cleared).toBe(true);
    expect(formats(sheet)).toEqual(shifted(shifted(before, 4, -1), 2, 1));
  });

  it("marking again after a column was inserted takes the moved marks off before marking afresh", async () => {
    const { wb, sheet, adapter } = await setUpMarkedSeed();
    const before = formats(sheet);
    let snap = await adapter.readSheet("Báo cáo");
    const first = validate(snap);
    await adapter.annotate(first, "vi", snap.sheets);
    insertColumn(wb, sheet, 0);
    snap = await adapter.readSheet("Báo cáo");
    await adapter.annotate(validate(snap), "vi", snap.sheets, first);
    await adapter.clear();
    expect(formats(sheet)).toEqual(shifted(before, 0, 1));
  });
});

describe("the stand-in deletes and inserts columns as Excel does", () => {
  it("rewrites references: to the right they shift, across they shrink or grow, to the column alone #REF!, rows and text untouched", () => {
    const del = (f: string) => shiftColumns(f, "Báo cáo", "Báo cáo", (lo, hi) => (lo === 4 && hi === 4 ? null : [lo > 4 ? lo - 1 : lo, hi >= 4 ? hi - 1 : hi]));
    expect(del("=SUM(C5:E5)")).toBe("=SUM(C5:D5)");
    expect(del("=D5+$F$5")).toBe("=#REF!+$E$5");
    expect(del("=COLUMN('Báo cáo'!L:L)")).toBe("=COLUMN('Báo cáo'!K:K)");
    expect(del("=COLUMN('Báo cáo'!D:D)")).toBe("=COLUMN('Báo cáo'!#REF!)");
    expect(del("=ROW('Báo cáo'!14:14)")).toBe("=ROW('Báo cáo'!14:14)");
    expect(del('=Sheet2!F5&"F5"')).toBe('=Sheet2!F5&"F5"');
    expect(del("=LOG10(F5)")).toBe("=LOG10(E5)");
  });

  it("moves cells with their fills, notes and comments, and the hidden columns and merges", async () => {
    const { wb, sheet } = await setUpMarkedSeed();
    sheet.cell(2, 5).comment = "Hỏi lại";
    sheet.hiddenColumns.add(7);
    sheet.merges.push({ r0: 0, c0: 3, r1: 0, c1: 6 });
    deleteColumn(wb, sheet, 1);
    expect(sheet.get(13, 10)?.fill).toEqual({ color: "#C6EFCE", pattern: "Solid" });
    expect(sheet.get(9, 5)?.note).toBe("Số liệu của chi bộ");
    expect(sheet.get(2, 4)?.comment).toBe("Hỏi lại");
    expect([...sheet.hiddenColumns]).toContain(6);
    expect(sheet.merges).toContainEqual({ r0: 0, c0: 2, r1: 0, c1: 5 });
    insertColumn(wb, sheet, 0);
    expect(sheet.get(13, 11)?.fill).toEqual({ color: "#C6EFCE", pattern: "Solid" });
    expect(sheet.merges).toContainEqual({ r0: 0, c0: 3, r1: 0, c1: 6 });
  });
});
