import { describe, expect, it } from "vitest";
import { deleteRowWithFormulas, recalculate, shiftForDeletedRow } from "../../addin/src/preview/formulas.ts";
import { FakeWorkbook } from "./fake-excel/index.ts";

/** The preview's formulas: recalculated with hot-formula-parser, shifted on row deletion as Excel does. */
describe("preview formulas", () => {
  it("shift references below a deleted row up, shrink ranges across it, and make references to it #REF!", () => {
    expect(shiftForDeletedRow("=SUM(C5:C14)", 9)).toBe("=SUM(C5:C13)");
    expect(shiftForDeletedRow("=SUM(C5:C14)", 13)).toBe("=SUM(C5:C13)");
    expect(shiftForDeletedRow("=SUM(C5:C14)", 2)).toBe("=SUM(C4:C13)");
    expect(shiftForDeletedRow("=SUM(C5:C14)", 20)).toBe("=SUM(C5:C14)");
    expect(shiftForDeletedRow("=C10/C11*100", 9)).toBe("=#REF!/C10*100");
    expect(shiftForDeletedRow("=$C$12+C$12+$C12", 4)).toBe("=$C$11+C$11+$C11");
    expect(shiftForDeletedRow("=SUM(C7:C7)", 6)).toBe("=SUM(#REF!)");
    expect(shiftForDeletedRow('="C10 là "&C10', 3)).toBe('="C10 là "&C9');
    expect(shiftForDeletedRow("='Tổng hợp'!C10+LOG10(C10)", 3)).toBe("='Tổng hợp'!C10+LOG10(C9)");
  });

  it("recalculate SUM, ROUND, arithmetic and percent, keep unknown functions' saved values, and never hang on a cycle", () => {
    const s = new FakeWorkbook().add("S");
    const put = (r: number, c: number, value: number | string, formula: string | null = null) => Object.assign(s.cell(r, c), { value, formula });
    put(0, 0, 7); put(1, 0, 15); put(2, 0, 0, "=A1+A2"); put(3, 0, 0, "=ROUND(A1/A2*100,2)"); put(4, 0, 0, "=SUM(A1:A3)*10%");
    put(5, 0, 99, "=XLOOKUP(A1,A1:A2,A1:A2)"); put(6, 0, 0, "=A8+1"); put(7, 0, 0, "=A7+1"); put(8, 0, 0, "=A1/0");
    recalculate(s);
    expect(s.get(2, 0)!.value).toBe(22);
    expect(s.get(3, 0)!.value).toBe(46.67);
    expect(s.get(4, 0)!.value).toBeCloseTo(4.4, 10);
    expect(s.get(5, 0)!.value).toBe(99);
    expect(String(s.get(6, 0)!.value)).toMatch(/^#/);
    expect(s.get(8, 0)!.value).toBe("#DIV/0!");
  });

  it("delete a row and recompute what depends on it", () => {
    const s = new FakeWorkbook().add("S");
    [10, 20, 30, 40].forEach((v, r) => Object.assign(s.cell(r, 0), { value: v }));
    Object.assign(s.cell(4, 0), { value: 100, formula: "=SUM(A1:A4)" });
    deleteRowWithFormulas(s, 1);
    expect(s.get(3, 0)).toMatchObject({ formula: "=SUM(A1:A3)", value: 80 });
  });
});
