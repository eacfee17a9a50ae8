import { describe, expect, it } from "vitest";
import { checkRegistry } from "../../shared/registry/check.ts";
import { nationalRegistry } from "../../seeds/national.ts";

const province = { code: "01", name: "Tỉnh mẫu", level: "province", type: "tinh", parent: null };
const commune = (code: string, name: string, validFrom?: string, validTo?: string) => ({
  code, name, level: "commune", type: "xa", parent: "01", ...(validFrom ? { validFrom } : {}), ...(validTo ? { validTo } : {}),
});

describe("one code names one unit per interval (checkRegistry)", () => {
  it("accepts a code reused across 2025-07-01, as the statistics office reuses them", () => {
    const { problems } = checkRegistry([province, commune("00004", "Xã mẫu 01", undefined, "2025-06-30"), commune("00004@2025-07-01", "Xã mẫu 02", "2025-07-01")]);
    expect(problems).toEqual([]);
  });

  it("refuses two units of one code whose intervals overlap, naming both units and both intervals", () => {
    const { problems } = checkRegistry([province, commune("00004", "Xã mẫu 01", undefined, "2025-07-01"), commune("00004@2025-07-01", "Xã mẫu 02", "2025-07-01")]);
    expect(problems).toHaveLength(1);
    const [p] = problems;
    expect(p!.row).toBe(3);
    expect(p!.code).toBe("00004@2025-07-01");
    expect(p!.message.vi).toContain("mã 00004 đã dùng cho Xã mẫu 01 (dòng 2, đến 01/07/2025) trùng thời gian với Xã mẫu 02 (từ 01/07/2025)");
    expect(p!.message.en).toContain("Xã mẫu 01 (row 2, until 2025-07-01)");
    expect(p!.message.en).toContain("Xã mẫu 02 (from 2025-07-01)");
  });

  it("finds an overlap hidden behind a long interval, and one with no dates at all", () => {
    const long = checkRegistry([province,
      commune("00007@2010-01-01", "Xã mẫu 01", "2010-01-01", "2030-12-31"),
      commune("00007@2015-01-01", "Xã mẫu 02", "2015-01-01", "2015-12-31"),
      commune("00007@2020-01-01", "Xã mẫu 03", "2020-01-01"),
    ]).problems;
    expect(long.map((p) => p.code)).toEqual(["00007@2015-01-01", "00007@2020-01-01"]);
    expect(long[1]!.message.vi).toContain("Xã mẫu 01 (dòng 2, từ 01/01/2010 đến 31/12/2030)");
    const open = checkRegistry([province, commune("00009", "Xã mẫu 01"), commune("00009@2025-07-01", "Xã mẫu 02", "2025-07-01")]).problems;
    expect(open.map((p) => p.row)).toEqual([3]);
    expect(open[0]!.message.en).toContain("at all times");
  });

  it("refuses an id whose @day is not the unit's first day", () => {
    const { problems } = checkRegistry([province, commune("00004@2025-07-01", "Xã mẫu 02", "2025-07-02")]);
    expect(problems.map((p) => [p.row, p.field])).toEqual([[2, "validFrom"]]);
    expect(problems[0]!.message.vi).toContain("phần sau \"@\" phải là ngày bắt đầu");
  });

  it("reports a reversed interval once, not as an overlap too", () => {
    const { problems } = checkRegistry([province, commune("00004", "Xã mẫu 01", undefined, "2025-06-30"), commune("00004@2025-07-01", "Xã mẫu 02", "2025-07-01", "2025-01-01")]);
    expect(problems.map((p) => p.field)).toEqual(["validTo"]);
    expect(problems[0]!.message.vi).toContain("ngày kết thúc (2025-01-01) trước ngày bắt đầu (2025-07-01)");
  });

  it("the shipped national registry, with 3,316 reused codes, has no overlap", () => {
    const national = nationalRegistry();
    expect(national.filter((u) => u.code.includes("@")).length).toBeGreaterThan(3000);
    expect(checkRegistry(national).problems).toEqual([]);
  });
});
