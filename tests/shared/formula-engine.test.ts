import { describe, expect, it } from "vitest";
import { FormulaEvaluator, type FormulaSheet, type FormulaValue } from "../../shared/parse/formula-engine.ts";
import { cellSheet, type Cells } from "./formula-sheet.ts";

/**
 * The core's formula engine against Excel's answers. Each expected value is what Excel computes,
 * written from Microsoft's documented semantics (the function's support page is named where the
 * answer is subtle), not from running the engine. The formula under test sits in A51 of
 * "Báo cáo"; the cells it reads:
 *
 *   Báo cáo:  B1 "Tổng" · B2 0, C2 0 · B3 9, C3 6 · B4 8, C4 4 · B5 blank, C5 "x" · B6 10, C6 5
 *             D2 =1/0 (an error) · E2 TRUE · F2 "3" (text)
 *   Biểu 01:  C2 1 · C3 2 · C4 3 · C5 40
 */
const own: Cells = { B1: "Tổng", B2: 0, C2: 0, B3: 9, C3: 6, B4: 8, C4: 4, C5: "x", B6: 10, C6: 5, D2: "=1/0", E2: true, F2: "3" };
const other: Cells = { C2: 1, C3: 2, C4: 3, C5: 40 };

function evaluate(formula: string, extra: Cells = {}): FormulaValue | null {
  const s = cellSheet("Báo cáo", { ...own, ...extra, A51: `=${formula}` }, { lastColumn: 6 });
  const o = cellSheet("Biểu 01", other, { lastColumn: 6 });
  const engine = new FormulaEvaluator({ sheet: (n) => ({ "báo cáo": s, "biểu 01": o })[n.toLowerCase()] ?? null });
  return engine.valueAt(s, 50, 0, null);
}

// [formula, Excel's answer]; null: the engine cannot compute it (and the reader names the cell).
const TABLE: [string, FormulaValue | null][] = [
  // IF evaluates only the branch it takes: the division by B2=0 never happens ("IF function").
  ['IF(B2=0,"",C2/B2)', ""],
  ['IF(B3=0,"",C3/B3)', 6 / 9],
  ["IF(B2=0,0,ROUND(C2/B2*100,2))", 0],
  ["IF(TRUE,1,D2)", 1], // the error cell in the branch not taken does not leak
  ["IF(D2>0,1,2)", "#DIV/0!"], // an error in the condition is IF's result
  ["IF(B2=0,NA(),1)", "#N/A"],
  ['IF(B3>5,"Đạt")', "Đạt"],
  ['IF(B2>5,"Đạt")', false], // value_if_false omitted: FALSE
  ['IF(B5,"a","b")', "b"], // a blank condition is FALSE
  // 0/0 is #DIV/0!, like any division by zero or by a blank ("How to correct a #DIV/0! error").
  ["C2/B2", "#DIV/0!"],
  ["1/0", "#DIV/0!"],
  ["B3/B5", "#DIV/0!"],
  ["IFERROR(C2/B2,0)", 0],
  ["IFERROR(ROUND(C2/B2*100,2),0)", 0],
  ['IFERROR(D2,"lỗi")', "lỗi"],
  ["IFERROR(B3,0)", 9],
  // Errors travel through operators and aggregates; COUNT skips them ("COUNT function").
  ["D2+1", "#DIV/0!"],
  ["SUM(D2,1)", "#DIV/0!"],
  ["MAX(D2,1)", "#DIV/0!"],
  ["COUNT(D2,1)", 1],
  ["#REF!+1", "#REF!"],
  ["'Không có'!A1", "#REF!"],
  ["NA()", "#N/A"],
  // N: a number as itself, TRUE as 1, text and blanks 0, an error stays ("N function").
  ["N(B3)", 9],
  ["N(E2)", 1],
  ['N("7")', 0],
  ["N(B5)", 0],
  ["N(D2)", "#DIV/0!"],
  ['IF(N(B3)>0,C3/B3,"")', 6 / 9],
  // SUM: in references only numbers count; text and logicals typed as arguments are coerced ("SUM function").
  ["SUM(B2:B6)", 27],
  ["SUM(B2:C6)", 42], // "x" in C5 and the blank B5 are skipped
  ["SUM(B3:B4,B6)", 27],
  ['SUM("3",1)', 4],
  ["SUM(E2)", 0], // TRUE in a cell is not counted
  ["SUM(TRUE,1)", 2],
  ["SUM($B$3:$B$4)*2", 34],
  ["SUM(B3:B4)/SUM(C3:C4)", 1.7],
  // Blank cells: 0 in arithmetic, equal to 0 and to "" in comparisons.
  ["B5+1", 1],
  ['B5=""', true],
  ["B5=0", true],
  ['""&B5', ""],
  ["B5", 0], // a formula reading a blank cell shows 0
  // Text in arithmetic: numeric text is a number, other text #VALUE! ("Calculation operators and precedence").
  ["C5+1", "#VALUE!"],
  ['"3"+1', 4],
  ["F2+1", 4],
  ["TRUE+1", 2],
  // COUNT / COUNTA / COUNTBLANK / COUNTIF(S).
  ["COUNT(B2:C6)", 8],
  ["COUNTA(B2:C6)", 9], // text counts, the blank does not ("COUNTA function")
  ["COUNTBLANK(B2:B6)", 1],
  ['COUNTIF(B2:B6,">5")', 3],
  ['COUNTIF(C2:C6,"x")', 1],
  ['COUNTIF(C2:C6,"X")', 1], // criteria are not case-sensitive ("COUNTIF function")
  ['COUNTIF(B2:B6,"")', 1], // "" matches blank cells
  ['COUNTIF(B2:B6,"<>")', 4],
  ["COUNTIF(B2:B6,9)", 1],
  ['COUNTIF(B1:B6,"T*")', 1], // wildcards
  ['COUNTIFS(B2:B6,">5",C2:C6,">4")', 2],
  // SUMIF / SUMIFS / AVERAGEIF.
  ['SUMIF(B2:B6,">5",C2:C6)', 15],
  ['SUMIF(B2:B6,">5",C2)', 15], // sum_range sized from its top-left cell like range ("SUMIF function")
  ['SUMIF(B2:B6,">5")', 27],
  ['SUMIFS(C2:C6,B2:B6,">5",B2:B6,"<10")', 10],
  ['SUMIFS(C2:C6,B2:B4,">5")', "#VALUE!"], // ranges of different sizes ("SUMIFS function")
  ['AVERAGEIF(B2:B6,">5")', 9],
  // AVERAGE / MIN / MAX: no number at all is #DIV/0! for AVERAGE, 0 for MIN and MAX.
  ["AVERAGE(B2:B6)", 6.75],
  ["AVERAGE(B3,C3)", 7.5],
  ["AVERAGE(B5)", "#DIV/0!"],
  ["MIN(B2:B6)", 0],
  ["MAX(B2:B6)", 10],
  ["MAX(C5)", 0],
  // ROUND rounds half away from zero, on the decimal value shown ("ROUND function").
  ["ROUND(2.5,0)", 3],
  ["ROUND(-2.5,0)", -3],
  ["ROUND(1.005,2)", 1.01],
  ["ROUND(2.345,2)", 2.35],
  ["ROUND(66.666,2)", 66.67],
  ["ROUND(1234.5,-2)", 1200],
  ["ROUND(C3/B3*100,2)", 66.67],
  ["ROUNDUP(3.2,0)", 4],
  ["ROUNDUP(-3.2,0)", -4], // away from zero ("ROUNDUP function")
  ["ROUNDUP(0.1+0.2,1)", 0.3],
  ["ROUNDDOWN(-3.7,0)", -3], // towards zero ("ROUNDDOWN function")
  ["ROUNDDOWN(3.14159,3)", 3.141],
  // Logic.
  ["AND(B3>5,C3>5)", true],
  ["AND(B3>5,C3>6)", false],
  ["OR(B2>0,B3>0)", true],
  ["NOT(B2)", true],
  ["AND(D2,TRUE)", "#DIV/0!"],
  ["AND(C5)", "#VALUE!"], // no logical value in the arguments ("AND function")
  // Arithmetic, percent, precedence: negation before ^, ^ left to right ("Calculation operators and precedence").
  ["ABS(-3)", 3],
  ["50%", 0.5],
  ["B3*10%", 0.9],
  ["-B3^2", 81],
  ["2^3^2", 64],
  ["1+2*3", 7],
  ["(1+2)*3", 9],
  ["10-2-3", 5],
  ["MOD(-3,2)", 1], // the sign of the divisor ("MOD function")
  // Text and comparisons: text compares case-insensitively; any text is greater than any number.
  ['"a"&"b"', "ab"],
  ['B3&" chi bộ"', "9 chi bộ"],
  ['1.5&""', "1.5"],
  ['"a"="A"', true],
  ['2>"1"', false],
  ["C5>B3", true],
  ["B3=9", true],
  ["B3<>9", false],
  ["0.1+0.2=0.3", true], // 15 significant digits
  // Other sheets, quoted names with Vietnamese letters, absolute references, whole rows.
  ["'Biểu 01'!C5", 40],
  ["'Biểu 01'!$C$5", 40],
  ["'BIỂU 01'!C5", 40], // sheet names are not case-sensitive
  ["SUM('Biểu 01'!C2:C5)", 46],
  ["SUM('Biểu 01'!C2:C4)+B3", 15],
  ["SUM('Biểu 01'!2:3)", 3],
  // Lookups.
  ["VLOOKUP(9,B2:C6,2,FALSE)", 6],
  ["VLOOKUP(7,B2:C6,2,FALSE)", "#N/A"],
  // What the engine cannot compute: named by the reader, never a silent blank.
  // References computed from text and offsets (tests/shared/formula-lookup.test.ts has the rest).
  ['INDIRECT("B3")', 9],
  ["OFFSET(B2,1,0)", 9],
  // What the engine cannot compute: named by the reader, never a silent blank.
  ["HAMLA(1)", null],
  ["Tên_đã_đặt*2", null], // a defined name the workbook does not define
  ["SUM(A:A)", null], // whole columns of a sheet that does not say its last row
];

describe("the formula engine computes as Excel does", () => {
  it.each(TABLE)("=%s → %j", (formula, want) => {
    const got = evaluate(formula);
    if (typeof want === "number" && typeof got === "number") expect(got).toBeCloseTo(want, 12);
    else expect(got).toBe(want);
  });

  it("computes a formula that reads another formula, and an error there is this formula's error", () => {
    expect(evaluate("G1*2", { G1: "=SUM(B3:B4)" })).toBe(34);
    expect(evaluate("G1+1", { G1: "=B3/B2" })).toBe("#DIV/0!");
    expect(evaluate('IF(B2=0,"-",G1)', { G1: "=B3/B2" })).toBe("-");
  });

  it("cannot compute a formula that reads a cell it cannot compute (nor a saved value of it)", () => {
    expect(evaluate("G1+1", { G1: "=HAMLA(1)" })).toBeNull();
    // With a saved value (as Excel left it) the preview reads that value.
    const s = cellSheet("Báo cáo", { G1: "=HAMLA(1)", A51: "=G1+1" }, { lastColumn: 6 });
    const withSaved: FormulaSheet = { ...s, value: (r, c) => (r === 0 && c === 6 ? 41 : s.value(r, c)) };
    expect(new FormulaEvaluator({ sheet: () => withSaved }).valueAt(withSaved, 50, 0, null)).toBe(42);
  });

  it("answers the `unknown` asked for a formula it cannot compute (the preview keeps the saved value)", () => {
    const s = cellSheet("Báo cáo", { A1: "=HAMLA(1)" }, { lastColumn: 6 });
    expect(new FormulaEvaluator({ sheet: () => s }).valueAt(s, 0, 0, 7)).toBe(7);
  });

  it("treats a formula Excel would refuse as one it cannot compute", () => {
    expect(evaluate("SUM(B3:B4")).toBeNull();
    expect(evaluate("1+*2")).toBeNull();
  });
});
