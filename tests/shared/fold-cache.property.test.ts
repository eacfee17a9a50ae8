import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { fold, foldJoined } from "../../shared/parse/text.ts";
import { getCatalog, readSheet, type CellValue, type SheetGrid } from "../../shared/index.ts";

/**
 * The per-form shortcuts give what the slow way gives: a row's cells folded one by one and joined
 * equal the fold of the joined row, and a form read twice (the second time from the header and
 * mapping memos) reads the same.
 */
const VI = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵAĂÂĐÊÔƠƯÁÀẢÃẠ0123456789 .,:;-+*()/%\u00a0\u0301\u0303";
const text = fc.array(fc.constantFrom(...VI), { maxLength: 30 }).map((cs) => cs.join(""));

describe("cached folding", () => {
  it("foldJoined(cells) is fold(cells.join(' '))", () => {
    fc.assert(fc.property(fc.array(fc.oneof(text, fc.constant(""), fc.string({ maxLength: 12 }), fc.string({ unit: "binary", maxLength: 8 })), { maxLength: 6 }), (cells) => {
      expect(foldJoined(cells)).toBe(fold(cells.join(" ")));
    }), { numRuns: 2000 });
  });

  it("a form read again from the memos reads the same", () => {
    const catalog = getCatalog();
    const labels = [...catalog.byCode.values()].slice(0, 40).map((i) => i.label.vi);
    fc.assert(fc.property(fc.array(fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 500 }) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant("abc") }) as fc.Arbitrary<CellValue>, { minLength: labels.length, maxLength: labels.length }), (vals) => {
      const grid = (): SheetGrid => ({ name: "Xã mẫu 01", values: [["BÁO CÁO NĂM 2024"], [], ["STT", "Chỉ tiêu", "Số lượng"], ...labels.map((l, k) => [k + 1, l, vals[k]!]), [], [null, "Người lập biểu"]] });
      const a = readSheet(grid(), { catalog, units: [] });
      expect(a.mapping.length).toBeGreaterThan(10);
      const b = readSheet(grid(), { catalog, units: [] });
      expect(JSON.stringify(b, (_k, v) => (v instanceof Map ? [...v] : v instanceof Set ? [...v] : v))).toBe(JSON.stringify(a, (_k, v) => (v instanceof Map ? [...v] : v instanceof Set ? [...v] : v)));
      // Each read gets its own copy of the remembered mapping.
      const first = a.mapping[0] ?? a.unmapped[0]!;
      first.header = "changed";
      const c = readSheet(grid(), { catalog, units: [] });
      expect((c.mapping[0] ?? c.unmapped[0]!).header).not.toBe("changed");
    }), { numRuns: 40 });
  });
});
