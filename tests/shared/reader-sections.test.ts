import { describe, expect, it } from "vitest";
import { checkRows } from "./sheet-check.ts";

/**
 * A section heading naming a subject on an indicators-as-rows sheet ("II. Tổ chức Hội Liên hiệp
 * Phụ nữ", then rows "Tốt", "Khá", …): the grades under it are that organisation's, as a reader
 * takes them, on a one-unit form and on a transposed table (units across), as real .xlsx files.
 */
const mapped = (read: { mapping: { column: string; indicator: string | null }[] }) => read.mapping.map((m) => [m.column, m.indicator]);

describe("grades under a section heading that names an organisation", () => {
  const form = [
    ["ĐẢNG BỘ XÃ SƠN MỸ"], ["BÁO CÁO KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI NĂM 2023"], [],
    ["STT", "Chỉ tiêu", "Đơn vị tính", "Số lượng"],
    ["I", "Tổ chức đảng"],
    [1, "Số chi bộ trực thuộc", "chi bộ", 12],
    ["II", "Tổ chức Hội Liên hiệp Phụ nữ"],
    ["-", "Tốt", "tổ chức", 1],
    ["-", "Khá", "tổ chức", 0],
    ["-", "Trung bình", "tổ chức", 0],
    ["-", "Yếu", "tổ chức", -1], // a negative count: planted, row 11
    ["III", "Đoàn Thanh niên"],
    ["-", "Hoàn thành xuất sắc nhiệm vụ", "tổ chức", 0],
    ["-", "Hoàn thành tốt nhiệm vụ", "tổ chức", 1],
    ["IV", "Đảng viên"],
    [1, "Tổng số đảng viên", "người", 300],
    [2, "Hoàn thành tốt nhiệm vụ", "người", 200],
  ];

  it("a one-unit form: each heading's rows are its organisation's grades, the members' heading its members' grades", async () => {
    const { read, errors } = await checkRows(form);
    expect(read.kind).toBe("form");
    expect(mapped(read)).toEqual([
      ["D6", "party.cells"],
      ["D8", "massorg.women.grade.tot"], ["D9", "massorg.women.grade.kha"], ["D10", "massorg.women.grade.trung_binh"], ["D11", "massorg.women.grade.yeu"],
      ["D13", "massorg.youth.grade.tot"], ["D14", "massorg.youth.grade.kha"],
      ["D16", "members.total"], ["D17", "members.grade.httnv"],
    ]);
    expect(errors).toEqual([["negative", "D11"]]);
    expect(read.unmapped).toEqual([]);
  });

  it("a transposed table whose grade rows name nothing alone is still read as indicators down the side", async () => {
    const rows = [
      ["HUYỆN ỦY HÀM TÂN"], ["TỔNG HỢP XẾP LOẠI NĂM 2014"],
      ["STT", "Chỉ tiêu", "Xã Sơn Mỹ", "Xã Tân Hà", "Xã Tân Minh", "Toàn huyện"],
      ["I", "Tổ chức đảng"],
      [1, "Số chi bộ trực thuộc", 9, 10, 11, 30],
      ["II", "Tổ chức Hội Liên hiệp Phụ nữ"],
      ["-", "Tốt", 1, 0, 1, 2],
      ["-", "Khá", 0, 1, 0, 1],
      ["-", "Trung bình", 0, 0, 0, 0],
      ["-", "Yếu", 0, 0, 0, 0],
      ["III", "Hội Nông dân"],
      ["-", "HTXSNV", 1, 0, 0, 1],
      ["-", "HTTNV", 0, 1, 1, 3], // the total column says 3 for 2: planted, row 13
    ];
    const { read, errors, issues } = await checkRows(rows);
    expect(read.kind).toBe("transposed");
    expect(mapped(read)).toEqual([
      ["5", "party.cells"],
      ["7", "massorg.women.grade.tot"], ["8", "massorg.women.grade.kha"], ["9", "massorg.women.grade.trung_binh"], ["10", "massorg.women.grade.yeu"],
      ["12", "massorg.farmers.grade.tot"], ["13", "massorg.farmers.grade.kha"],
    ]);
    expect(errors).toEqual([["total_row", "F13"]]);
    expect(issues.filter((i) => i.rule === "unit_unknown")).toEqual([]);
  });
});
