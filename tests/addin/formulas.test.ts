import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deleteRowWithFormulas, recalculate } from "../../addin/src/preview/formulas.ts";
import { formulaRefs, shiftForDeletedRow } from "../../shared/parse/formula-refs.ts";
import { FakeWorkbook } from "./fake-excel/index.ts";

/** The preview's formulas: recalculated with hot-formula-parser, shifted on row deletion as Excel does. */
const own = (row: number) => ({ formulaSheet: "S", sheet: "S", row: row + 1 });

describe("preview formulas", () => {
  it("shift references below a deleted row up, shrink ranges across it, and make references to it #REF!", () => {
    expect(shiftForDeletedRow("=SUM(C5:C14)", own(9))).toBe("=SUM(C5:C13)");
    expect(shiftForDeletedRow("=SUM(C5:C14)", own(13))).toBe("=SUM(C5:C13)");
    expect(shiftForDeletedRow("=SUM(C5:C14)", own(2))).toBe("=SUM(C4:C13)");
    expect(shiftForDeletedRow("=SUM(C5:C14)", own(20))).toBe("=SUM(C5:C14)");
    expect(shiftForDeletedRow("=C10/C11*100", own(9))).toBe("=#REF!/C10*100");
    expect(shiftForDeletedRow("=$C$12+C$12+$C12", own(4))).toBe("=$C$11+C$11+$C11");
    expect(shiftForDeletedRow("=SUM(C7:C7)", own(6))).toBe("=SUM(#REF!)");
    expect(shiftForDeletedRow('="C10 là "&C10', own(3))).toBe('="C10 là "&C9');
    expect(shiftForDeletedRow("='Tổng hợp'!C10+LOG10(C10)", own(3))).toBe("='Tổng hợp'!C10+LOG10(C9)");
    expect(shiftForDeletedRow("=SUM(5:9)+SUM(C14:C5)", own(6))).toBe("=SUM(5:8)+SUM(C13:C5)");
  });

  it("shift references from other sheets to the sheet whose row is deleted, and only those", () => {
    const at = { formulaSheet: "Tổng hợp", sheet: "Số liệu", row: 5 };
    expect(shiftForDeletedRow("=SUM('Số liệu'!C3:C6)", at)).toBe("=SUM('Số liệu'!C3:C5)");
    expect(shiftForDeletedRow("='Số liệu'!C5+'SỐ LIỆU'!C6", at)).toBe("='Số liệu'!#REF!+'SỐ LIỆU'!C5");
    expect(shiftForDeletedRow("=C6+Khác!C6+'Số liệu'!$C$9", at)).toBe("=C6+Khác!C6+'Số liệu'!$C$8");
    expect(shiftForDeletedRow("=Sheet2!A5", { formulaSheet: "Sheet1", sheet: "Sheet2", row: 3 })).toBe("=Sheet2!A4");
    expect(shiftForDeletedRow("='It''s'!A5", { formulaSheet: "x", sheet: "It's", row: 3 })).toBe("='It''s'!A4");
    // On the deleted sheet itself a reference to another sheet stays.
    expect(shiftForDeletedRow("=A6+Khác!A6", { formulaSheet: "Số liệu", sheet: "Số liệu", row: 5 })).toBe("=A5+Khác!A6");
  });

  it("move every reference as a naive model of the sheets' rows says (property)", () => {
    const SHEETS = ["S", "Số liệu", "It's", "T2"];
    const ref = fc.record({
      sheet: fc.option(fc.constantFrom(...SHEETS), { nil: null }),
      upper: fc.boolean(), quote: fc.boolean(),
      col: fc.constantFrom("A", "C", "AB"), a: fc.integer({ min: 1, max: 30 }), b: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
      abs: fc.boolean(),
    });
    const glue = fc.constantFrom("+", "-", "*", ",", "/");
    fc.assert(fc.property(fc.array(fc.tuple(ref, glue), { minLength: 1, maxLength: 8 }), fc.constantFrom(...SHEETS), fc.constantFrom(...SHEETS), fc.integer({ min: 1, max: 31 }),
      (parts, formulaSheet, deletedSheet, row) => {
        const written = parts.map(([r, g]) => {
          const name = r.sheet === null ? "" : r.upper ? r.sheet.toLocaleUpperCase() : r.sheet;
          const needsQuote = r.sheet !== null && (r.quote || /[^A-Za-z0-9_]/.test(r.sheet));
          const prefix = r.sheet === null ? "" : needsQuote ? `'${name.replace(/'/g, "''")}'!` : `${name}!`;
          const d = r.abs ? "$" : "";
          return `${prefix}${d}${r.col}${d}${r.a}${r.b !== null ? `:${r.col}${r.b}` : ""}${g}`;
        });
        // Text that looks like references is left alone.
        const formula = `=SUM(${written.join("")}0)&"A${row} S!A${row}"`;
        const out = shiftForDeletedRow(formula, { formulaSheet, sheet: deletedSheet, row });
        expect(out.endsWith(`&"A${row} S!A${row}"`)).toBe(true);
        // The model: a reference covers a set of rows of a sheet; the deleted row leaves it, rows below move up.
        const expected = parts.map(([r]) => {
          const target = r.sheet ?? formulaSheet;
          const rows = new Set<number>();
          for (let x = Math.min(r.a, r.b ?? r.a); x <= Math.max(r.a, r.b ?? r.a); x++) rows.add(x);
          if (target.toLocaleUpperCase() !== deletedSheet.toLocaleUpperCase()) return { sheet: r.sheet, rows: [...rows] };
          const left = [...rows].filter((x) => x !== row).map((x) => (x > row ? x - 1 : x));
          return left.length ? { sheet: r.sheet, rows: left } : "#REF!";
        });
        const refs = formulaRefs(out.slice(0, out.lastIndexOf("&")));
        const got: ({ sheet: string | null; rows: number[] } | "#REF!")[] = [];
        let k = 0;
        for (const e of expected) {
          if (e === "#REF!") { got.push("#REF!"); continue; }
          const f = refs[k++]!;
          const rows: number[] = [];
          for (let x = Math.min(...f.rows); x <= Math.max(...f.rows); x++) rows.push(x);
          got.push({ sheet: f.sheet && SHEETS.find((s) => s.toLocaleUpperCase() === f.sheet!.toLocaleUpperCase())!, rows });
        }
        expect(k).toBe(refs.length);
        expect(got).toEqual(expected.map((e) => (e === "#REF!" ? e : { ...e, rows: [...e.rows].sort((x, y) => x - y) })));
        expect((out.match(/#REF!/g) ?? []).length).toBe(expected.filter((e) => e === "#REF!").length);
      }), { numRuns: 1000 });
  });

  it("recalculate SUM, ROUND, arithmetic and percent, keep unknown functions' saved values, and never hang on a cycle", () => {
    const wb = new FakeWorkbook();
    const s = wb.add("S");
    const put = (r: number, c: number, value: number | string, formula: string | null = null) => Object.assign(s.cell(r, c), { value, formula });
    put(0, 0, 7); put(1, 0, 15); put(2, 0, 0, "=A1+A2"); put(3, 0, 0, "=ROUND(A1/A2*100,2)"); put(4, 0, 0, "=SUM(A1:A3)*10%");
    put(5, 0, 99, "=XLOOKUP(A1,A1:A2,A1:A2)"); put(6, 0, 0, "=A8+1"); put(7, 0, 0, "=A7+1"); put(8, 0, 0, "=A1/0");
    recalculate(wb);
    expect(s.get(2, 0)!.value).toBe(22);
    expect(s.get(3, 0)!.value).toBe(46.67);
    expect(s.get(4, 0)!.value).toBeCloseTo(4.4, 10);
    expect(s.get(5, 0)!.value).toBe(99);
    expect(String(s.get(6, 0)!.value)).toMatch(/^#/);
    expect(s.get(8, 0)!.value).toBe("#DIV/0!");
  });

  it("delete a row and recompute what depends on it, on its sheet and on the others", () => {
    const wb = new FakeWorkbook();
    const s = wb.add("Số liệu");
    const t = wb.add("Tổng hợp");
    [10, 20, 30, 40].forEach((v, r) => Object.assign(s.cell(r, 0), { value: v }));
    Object.assign(s.cell(4, 0), { value: 100, formula: "=SUM(A1:A4)" });
    Object.assign(t.cell(0, 0), { value: 100, formula: "=SUM('Số liệu'!A1:A4)" });
    Object.assign(t.cell(1, 0), { value: 20, formula: "='Số liệu'!A2" });
    Object.assign(t.cell(2, 0), { value: 40, formula: "='Số liệu'!A4*1" });
    Object.assign(t.cell(3, 0), { value: 5, formula: "=A1/20" });
    deleteRowWithFormulas(wb, s, 1);
    expect(s.get(3, 0)).toMatchObject({ formula: "=SUM(A1:A3)", value: 80 });
    expect(t.get(0, 0)).toMatchObject({ formula: "=SUM('Số liệu'!A1:A3)", value: 80 });
    expect(t.get(1, 0)).toMatchObject({ formula: "='Số liệu'!#REF!", value: "#REF!" });
    expect(t.get(2, 0)).toMatchObject({ formula: "='Số liệu'!A3*1", value: 40 });
    expect(t.get(3, 0)).toMatchObject({ formula: "=A1/20", value: 4 });
  });
});
