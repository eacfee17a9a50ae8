import { describe, expect, it } from "vitest";
import { getCatalog, mapColumns } from "../../shared/index.ts";
import { checkRows } from "./sheet-check.ts";

/**
 * Parts beside their whole, as real .xlsx files: "Tổng số | Trong đó: …" under one group, "Tổng
 * số đảng viên | Trong đó nữ" side by side, and "- Trong đó:" rows on a form. A part maps as the
 * part (or stays unmapped), never as the whole; a part above its whole is flagged.
 */
const catalog = getCatalog();
const mapped = (read: { mapping: { column: string; indicator: string | null }[] }) => read.mapping.map((m) => [m.column, m.indicator]);

describe("'Tổng số | Trong đó: Số thôn' under 'Số thôn, tổ dân phố'", () => {
  const rows = [
    ["Đơn vị", "Số thôn, tổ dân phố", null, null],
    [null, "Tổng số", "Trong đó: Số thôn", "Trong đó: Thôn có chi bộ"],
    ["Xã Sơn Mỹ", 12, 9, 9],
    ["Xã Tân Đức", 10, 11, 8], // 11 thôn of 10 villages: planted
    ["Xã Tân Hà", 8, 8, 6],
  ];
  const merges = ["A1:A2", "B1:D1"];

  it("maps the total as all villages and 'Số thôn' as the thôn, bản beside it, not as all villages", async () => {
    const { read } = await checkRows(rows, { merges });
    expect(mapped(read)).toEqual([["B", "org.villages"], ["C", "org.villages.rural"], ["D", "org.villages.with_cell"]]);
    expect(read.mapping.find((m) => m.column === "C")!.evidence?.partOf).toEqual({ column: "B", indicator: "org.villages" });
  });

  it("flags the part above its whole, and only that", async () => {
    const { errors } = await checkRows(rows, { merges });
    expect(errors).toEqual([["sum_total", "B4"]]);
  });

  it("a part the catalog has not is left unmapped, with no suggestion that it is the whole", async () => {
    const odd = [["Đơn vị", "Tổng số đảng viên", "Trong đó nữ", "Trong đó dân tộc thiểu số"], ["Xã Sơn Mỹ", 120, 40, 6], ["Xã Tân Đức", 90, 95, 3]];
    const { read, errors } = await checkRows(odd);
    expect(mapped(read)).toEqual([["B", "members.total"], ["C", "members.women"]]);
    expect(read.unmapped.map((u) => u.column)).toEqual(["D"]);
    const notice = read.issues.find((i) => i.rule === "unmapped_column")!;
    expect(notice.message).not.toMatch(/Tổng số đảng viên/);
    expect(errors).toEqual([["part_le_whole", "C3"]]);
  });
});

describe("'- Trong đó:' rows on a one-unit form", () => {
  const form = (women: number) => [
    ["BÁO CÁO NĂM 2024"], [],
    ["STT", "Chỉ tiêu", "Số lượng"],
    [1, "Số thôn, tổ dân phố", 12],
    [null, "- Trong đó: Số thôn", 9],
    [2, "Tổng số đảng viên", 120],
    [null, "- Trong đó: nữ", women],
    [], [null, "Người lập biểu"],
  ];

  it("maps each part row as the part", async () => {
    const { read } = await checkRows(form(40));
    expect(read.mapping.map((m) => m.indicator)).toEqual(["org.villages", "org.villages.rural", "members.total", "members.women"]);
  });

  it("flags a part above its whole", async () => {
    expect((await checkRows(form(130))).errors.map((e) => e[0])).toEqual(["part_le_whole"]);
    expect((await checkRows(form(40))).errors).toEqual([]);
  });
});

describe("parts beside the whole, header by header", () => {
  // [headers, the part's indicator]: the part's header alone would be the whole, or nothing.
  const table: [string[][], string | null][] = [
    [[["Số thôn, tổ dân phố", "Tổng số"], ["Số thôn, tổ dân phố", "Số thôn"]], "org.villages.rural"],
    [[["Số thôn, tổ dân phố"], ["Trong đó", "Số tổ dân phố"]], "org.villages.urban"],
    [[["Đảng viên", "Tổng số"], ["Đảng viên", "Nữ"]], "members.women"],
    [[["Tổng số đảng viên"], ["Trong đó", "Kết nạp mới"]], "members.admitted"],
    [[["Tổng số hộ"], ["Trong đó", "Hộ nghèo"]], "poverty.poor"],
    [[["Số chi bộ trực thuộc"], ["Trong đó: đạt TSVM"]], "grades.cells.tsvm"],
    [[["Tổng số đảng viên"], ["Trong đó: đảng viên dự bị"]], null],
  ];
  it.each(table)("%j → %s", (headers, expected) => {
    const r = mapColumns(headers.map((parts, i) => ({ index: i + 1, column: String.fromCharCode(66 + i), parts })), catalog);
    const whole = r.mapping.find((m) => m.index === 1)?.indicator;
    expect(whole).toBeTruthy();
    const part = [...r.mapping, ...r.unmapped].find((m) => m.index === 2)!;
    expect(part.indicator).toBe(expected);
    expect(part.indicator).not.toBe(whole);
  });
});
