import { describe, expect, it } from "vitest";
import { isGrandTotalLabel, legendEntries, readConventions, symbolMeaning } from "../../shared/workbook/conventions.ts";
import type { SheetGrid } from "../../shared/model.ts";

describe("a sheet's own conventions", () => {
  it("reads legend entries in the forms clerks write them", () => {
    expect(legendEntries("(x) không áp dụng")).toEqual([["x", "not-applicable"]]);
    expect(legendEntries("Ghi chú: x: không áp dụng; -: không có")).toEqual([
      ["x", "not-applicable"],
      ["-", "none"],
    ]);
    expect(legendEntries("Ký hiệu (-) là không phát sinh")).toEqual([["-", "none"]]);
    expect(legendEntries("* = chưa có số liệu")).toEqual([["*", "unknown"]]);
    expect(legendEntries("Tổng số đảng viên")).toEqual([]);
    expect(legendEntries("Số xã không có hộ nghèo")).toEqual([]);
  });

  it("honours the legend rows of a sheet and marks them as notes", () => {
    const grid: SheetGrid = {
      name: "Biểu 01",
      values: [
        ["STT", "Đơn vị", "Số đảng viên", "Tỷ lệ"],
        [1, "Xã mẫu 01", 120, "x"],
        [2, "Xã mẫu 02", "-", "*"],
        ["Ghi chú: (x) không áp dụng; (*) chưa có số liệu", null, null, null],
      ],
    };
    const c = readConventions(grid);
    expect(c.stated).toBe(true);
    expect(c.legendRows).toEqual([3]);
    expect(symbolMeaning("x", c)).toBe("not-applicable");
    expect(symbolMeaning(" X ", c)).toBe("not-applicable");
    expect(symbolMeaning("*", c)).toBe("unknown");
    expect(symbolMeaning("-", c)).toBe("none");
    expect(symbolMeaning(12, c)).toBeNull();
    expect(symbolMeaning("abc", c)).toBeNull();
  });

  it("without a legend still reads x and - as clerks mean them, but says so", () => {
    const c = readConventions({ name: "s", values: [["Đơn vị", "Số chi bộ"], ["Xã mẫu 01", "x"]] });
    expect(c.stated).toBe(false);
    expect(c.legendRows).toEqual([]);
    expect(symbolMeaning("x", c)).toBe("not-applicable");
    expect(symbolMeaning("*", c)).toBeNull();
  });

  it("a legend can change a default", () => {
    const c = readConventions({ name: "s", values: [["- : không áp dụng"]] });
    expect(symbolMeaning("-", c)).toBe("not-applicable");
  });

  it("recognises every common total label and nothing else", () => {
    for (const t of ["Tổng cộng", "TOÀN ĐẢNG BỘ", "Cộng:", "Cộng", "I. Tổng số", "Toàn huyện", "Toàn tỉnh", "Tổng cộng toàn huyện", "Cộng chung"]) expect(isGrandTotalLabel(t), t).toBe(true);
    for (const t of ["Xã mẫu 01", "Cộng hòa", "Các xã", "Tổ dân phố số 1", "Công an xã"]) expect(isGrandTotalLabel(t), t).toBe(false);
  });
});
