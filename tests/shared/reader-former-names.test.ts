import { describe, expect, it } from "vitest";
import { getCatalog, readSheet } from "../../shared/index.ts";
import { nationalRegistry } from "../../seeds/national.ts";

/** The reader's unit stage with the national registry: a former name names the unit it became. */
describe("former names on a sheet", () => {
  const registry = nationalRegistry();
  const sheet = (names: string[]) => ({ name: "Hà Nội", values: [["Đơn vị", "Tổng số đảng viên"], ...names.map((n, i) => [n, 100 + i])] });

  it("Phường Trúc Bạch in 2025-H2 is an issue naming Phường Ba Đình, Hà Nội, from 01/07/2025, at its cell", () => {
    const read = readSheet(sheet(["Phường Ba Đình", "Phường Hoàn Kiếm", "Phường Trúc Bạch"]), { catalog: getCatalog(), registry, period: "2025-H2" });
    expect(read.scope).toBe("01");
    const former = read.issues.filter((i) => i.rule === "unit_former");
    expect(former).toHaveLength(1);
    expect(former[0]!.cells).toEqual(["A4"]);
    expect(former[0]!.message).toBe("Ô A4: \"Phường Trúc Bạch\" là tên cũ; Phường Trúc Bạch nay thuộc Phường Ba Đình, Hà Nội, từ 01/07/2025.");
    expect(read.issues.filter((i) => i.rule === "unit_unknown")).toEqual([]);
    const en = readSheet(sheet(["Phường Ba Đình", "Phường Hoàn Kiếm", "Phường Trúc Bạch"]), { catalog: getCatalog(), registry, period: "2025-H2", lang: "en" });
    expect(en.issues.find((i) => i.rule === "unit_former")!.message).toContain("is now part of Phường Ba Đình, Hà Nội, since 2025-07-01");
  });

  it("a name that is no unit at all, former or current, stays unknown", () => {
    const read = readSheet(sheet(["Phường Ba Đình", "Phường Hoàn Kiếm", "Phường Mẫu Không Có"]), { catalog: getCatalog(), registry, period: "2025-H2" });
    expect(read.issues.filter((i) => i.rule === "unit_unknown").map((i) => i.cells)).toEqual([["A4"]]);
    expect(read.issues.some((i) => i.rule === "unit_former")).toBe(false);
  });

  it("a name without the marks that tell two communes apart gets both as candidates", () => {
    const tayNinh = registry.filter((u) => u.parent === "80@2025-07-01" && !/^Tân Th[àạ]nh$/.test(u.name)).slice(0, 4).map((u) => `Xã ${u.name}`);
    const read = readSheet({ name: "Tây Ninh", values: [["Đơn vị", "Tổng số đảng viên"], ...[...tayNinh, "Xa Tan Thanh"].map((n, i) => [n, 10 + i])] }, { catalog: getCatalog(), registry, period: "2026" });
    const unknown = read.issues.filter((i) => i.rule === "unit_unknown");
    expect(unknown.map((i) => i.cells)).toEqual([["A6"]]);
    expect(unknown[0]!.hint).toMatch(/^Có phải là "Tân Th[àạ]nh" \(hoặc Xã Tân Th[àạ]nh\)\?$/);
    expect(unknown[0]!.hint).toContain("Tân Thành");
    expect(unknown[0]!.hint).toContain("Tân Thạnh");
  });
});
