import { describe, expect, it } from "vitest";
import { getCatalog, matchHeader } from "../../shared/index.ts";
import { gradeIndex } from "../../shared/workbook/grades.ts";
import { checkRows } from "./sheet-check.ts";

/**
 * Meaning from context, as real .xlsx files: the group header above a column (a merged cell over
 * the columns it names) says whose grades the columns hold, as it does for a reader.
 */
const catalog = getCatalog();
const mapped = (read: { mapping: { column: string; indicator: string | null }[] }) => read.mapping.map((m) => [m.column, m.indicator]);

describe("grade columns under a party-organisation group header", () => {
  const rows = [
    ["Đơn vị", "Tổng số chi bộ", "Xếp loại chi bộ", null, null, null],
    [null, null, "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ"],
    ["Xã Sơn Mỹ", 9, 2, 5, 2, 0],
    ["Xã Tân Đức", 8, 1, 4, 2, 1],
    ["Xã Tân Hà", 7, 2, 4, 2, 1], // 2 + 4 + 2 + 1 = 9 cells graded of 7: planted
  ];
  const merges = ["A1:A2", "B1:B2", "C1:F1"];

  it("maps them to the cells' grades, not the members'", async () => {
    const { read } = await checkRows(rows, { merges });
    expect(mapped(read)).toEqual([["B", "party.cells"], ["C", "grades.cells.tsvm"], ["D", "grades.cells.htt"], ["E", "grades.cells.ht"], ["F", "grades.cells.yeu"]]);
  });

  it("checks the grades against the cells: the planted row is flagged, the others are not", async () => {
    const { errors } = await checkRows(rows, { merges });
    expect(errors).toEqual([["parts_le_whole", "C5"]]);
  });

  it("the same leaves under 'Xếp loại đảng viên' are the members' grades", async () => {
    const members = [["Đơn vị", "Tổng số đảng viên", "Xếp loại đảng viên", null, null, null], ...rows.slice(1)];
    const { read } = await checkRows(members, { merges });
    expect(mapped(read).slice(1)).toEqual([["C", "members.grade.htxsnv"], ["D", "members.grade.httnv"], ["E", "members.grade.htnv"], ["F", "members.grade.khtnv"]]);
  });

  it("'Trong sạch vững mạnh' under 'Xếp loại tổ chức cơ sở đảng' is the base organisation's grade", async () => {
    const base = [
      ["Đơn vị", "Xếp loại tổ chức cơ sở đảng", null, null, null],
      [null, "Trong sạch vững mạnh", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Yếu kém"],
      ["Xã Sơn Mỹ", 1, 0, 0, 0],
      ["Xã Tân Đức", 0, 1, 0, 0],
    ];
    const { read } = await checkRows(base, { merges: ["A1:A2", "B1:E1"] });
    expect(mapped(read)).toEqual([["B", "grades.base_org.tsvm"], ["C", "grades.base_org.htt"], ["D", "grades.base_org.ht"], ["E", "grades.base_org.yeu"]]);
  });
});

describe("Tốt / Khá / Trung bình / Yếu under a mass-organisation title", () => {
  const rows = [
    ["Đơn vị", "Hội Cựu chiến binh", null, null, null, "Hội Nông dân", null, null, null],
    [null, "Tốt", "Khá", "Trung bình", "Yếu", "Tốt", "Khá", "Trung bình", "Yếu"],
    ["Xã Sơn Mỹ", 1, 0, 0, 0, 0, 1, 0, 0],
    ["Xã Tân Đức", 0, 1, 0, 0, 1, 0, 0, 0],
    ["Xã Tân Hà", 1, 0, 0, 0, 0, 0, 1.5, 0], // a count with a fraction: planted
  ];
  const merges = ["A1:A2", "B1:E1", "F1:I1"];

  it("maps each organisation's columns to that organisation's grades", async () => {
    const { read } = await checkRows(rows, { merges });
    const classes = ["tot", "kha", "trung_binh", "yeu"];
    expect(mapped(read)).toEqual([
      ...classes.map((c, k) => [String.fromCharCode(66 + k), `massorg.veterans.grade.${c}`]),
      ...classes.map((c, k) => [String.fromCharCode(70 + k), `massorg.farmers.grade.${c}`]),
    ]);
    expect(read.unmapped).toEqual([]);
  });

  it("flags the planted cell and nothing else", async () => {
    const { errors } = await checkRows(rows, { merges });
    expect(errors).toEqual([["not_integer", "H5"]]);
  });

  it("under 'MTTQ và các đoàn thể' the same words are the collective's grades", async () => {
    const all = [
      ["Đơn vị", "Xếp loại MTTQ và các đoàn thể", null, null, null],
      [null, "Tốt", "Khá", "Trung bình", "Yếu"],
      ["Xã Sơn Mỹ", 4, 1, 0, 0],
      ["Xã Tân Đức", 3, 2, 0, 0],
    ];
    const { read } = await checkRows(all, { merges: ["A1:A2", "B1:E1"] });
    expect(mapped(read)).toEqual([["B", "massorg.grade.tot"], ["C", "massorg.grade.kha"], ["D", "massorg.grade.trung_binh"], ["E", "massorg.grade.yeu"]]);
  });

  it("the newer scale (HTXSNV … KHTNV) under an organisation's title is that organisation's grades, never the members'", async () => {
    const newer = [
      ["Đơn vị", "Hội Cựu chiến binh", null, null, null, "Hội LHPN", null, null, null],
      [null, "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ", "Không hoàn thành nhiệm vụ", "HTXSNV", "HTTNV", "HTNV", "KHTNV"],
      ["Xã Sơn Mỹ", 1, 0, 0, 0, 0, 1, 0, 0],
      ["Xã Tân Đức", 0, 1, 0, 0, 1, 0, 0, 0],
      ["Xã Tân Hà", 0, 0, 1, 0, 0, 0, 0, -1], // a negative count: planted
    ];
    const { read, errors } = await checkRows(newer, { merges: ["A1:A2", "B1:E1", "F1:I1"] });
    const classes = ["tot", "kha", "trung_binh", "yeu"];
    expect(mapped(read)).toEqual([
      ...classes.map((c, k) => [String.fromCharCode(66 + k), `massorg.veterans.grade.${c}`]),
      ...classes.map((c, k) => [String.fromCharCode(70 + k), `massorg.women.grade.${c}`]),
    ]);
    expect(read.unmapped).toEqual([]);
    expect(errors).toEqual([["negative", "I5"]]);
  });

  it("the older scale (Vững mạnh / Khá / Trung bình / Yếu) and the collective's newer scale are mapped too", async () => {
    const older = [
      ["Đơn vị", "Đoàn Thanh niên", null, null, null, "Xếp loại MTTQ và các đoàn thể", null, null, null],
      [null, "Vững mạnh", "Khá", "Trung bình", "Yếu", "HTXSNV", "HTTNV", "HTNV", "KHTNV"],
      ["Xã Sơn Mỹ", 1, 0, 0, 0, 3, 2, 0, 0],
      ["Xã Tân Đức", 0, 1, 0, 0, 4, 1, 0, 0],
    ];
    const { read } = await checkRows(older, { merges: ["A1:A2", "B1:E1", "F1:I1"] });
    const classes = ["tot", "kha", "trung_binh", "yeu"];
    expect(mapped(read)).toEqual([
      ...classes.map((c, k) => [String.fromCharCode(66 + k), `massorg.youth.grade.${c}`]),
      ...classes.map((c, k) => [String.fromCharCode(70 + k), `massorg.grade.${c}`]),
    ]);
  });

  it("a grade written in either scale in an organisation's grade column is the same class", () => {
    const ind = catalog.byCode.get("massorg.farmers.grade")!;
    const codeOf = (text: string) => ind.classes![gradeIndex(ind, text, catalog.abbreviations)]?.code;
    expect(["HTXSNV", "Vững mạnh", "HTTNV", "Khá", "Hoàn thành nhiệm vụ", "Trung bình", "KHTNV", "Yếu"].map(codeOf))
      .toEqual(["tot", "tot", "kha", "kha", "trung_binh", "trung_binh", "yeu", "yeu"]);
  });

  it("a leaf that names no grade under an organisation's title is left unmapped, never taken for the members'", async () => {
    const odd = [
      ["Đơn vị", "Hội Cựu chiến binh", null],
      [null, "Hội viên mới kết nạp", "Số chi hội"],
      ["Xã Sơn Mỹ", 12, 4],
      ["Xã Tân Đức", 9, 5],
    ];
    const { read } = await checkRows(odd, { merges: ["A1:A2", "B1:C1"] });
    expect(read.mapping.filter((m) => m.indicator?.startsWith("members."))).toEqual([]);
    expect(read.unmapped.map((u) => u.column)).toEqual(["B", "C"]);
  });

});

describe("the group's subject, header by header", () => {
  // [group, leaf, expected]: the leaf alone is the members' grade; the group decides.
  const table: [string, string, string | null][] = [
    ["Xếp loại chi bộ", "Hoàn thành xuất sắc nhiệm vụ", "grades.cells.tsvm"],
    ["Xếp loại chi bộ", "Không hoàn thành nhiệm vụ", "grades.cells.yeu"],
    ["Chi bộ trực thuộc", "HTTNV", "grades.cells.htt"],
    ["Đảng viên", "HTTNV", "members.grade.httnv"],
    ["Xếp loại tổ chức cơ sở đảng", "Trong sạch vững mạnh", "grades.base_org.tsvm"],
    ["Đảng bộ xã", "Hoàn thành tốt nhiệm vụ", "grades.base_org.htt"],
    ["Mặt trận Tổ quốc", "Tốt", "massorg.front.grade.tot"],
    ["Đoàn Thanh niên", "Khá", "massorg.youth.grade.kha"],
    ["Hội Liên hiệp Phụ nữ", "Trung bình", "massorg.women.grade.trung_binh"],
    ["Hội LHPN", "Yếu", "massorg.women.grade.yeu"],
    ["Hội CCB", "Tốt", "massorg.veterans.grade.tot"],
    ["Chính quyền xã", "Khá", "government.grade.kha"],
    ["Hội Nông dân", "Số hội viên", null],
    ["Hội CCB", "HTTNV", "massorg.veterans.grade.kha"],
    ["Hội ND", "HTTNV", "massorg.farmers.grade.kha"],
    ["Đoàn TN", "Tốt", "massorg.youth.grade.tot"],
    ["Hội PN", "Khá", "massorg.women.grade.kha"],
    ["Đoàn Thanh niên", "Không hoàn thành nhiệm vụ", "massorg.youth.grade.yeu"],
    ["Đoàn thể", "Hoàn thành tốt nhiệm vụ", "massorg.grade.kha"],
    ["Xếp loại đảng viên", "Đủ tư cách, hoàn thành tốt nhiệm vụ", "members.grade.httnv"],
  ];
  it.each(table)("%s | %s → %s", (group, leaf, expected) => {
    const m = matchHeader([group, leaf], catalog);
    expect(m.confidence >= 0.6 ? m.indicator : null).toBe(expected);
  });

  it("every grade indicator's class, under its subject's title, maps to that class's count", () => {
    const titles: Record<string, string> = {
      "massorg.front.grade": "Mặt trận Tổ quốc", "massorg.youth.grade": "Đoàn Thanh niên", "massorg.women.grade": "Hội Liên hiệp Phụ nữ",
      "massorg.farmers.grade": "Hội Nông dân", "massorg.veterans.grade": "Hội Cựu chiến binh", "government.grade": "Chính quyền",
    };
    for (const [code, title] of Object.entries(titles)) {
      for (const c of catalog.byCode.get(code)!.classes!) {
        for (const alias of c.aliases) expect([title, alias, matchHeader([title, alias], catalog).indicator]).toEqual([title, alias, `${code}.${c.code}`]);
      }
    }
  });
});
