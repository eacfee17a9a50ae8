import { describe, expect, it } from "vitest";
import { FormulaEvaluator, type FormulaSheet, type FormulaValue } from "../../shared/parse/formula-engine.ts";
import { cellSheet, type Cells } from "./formula-sheet.ts";

/**
 * References computed from text and offsets, lookups, SUMPRODUCT, whole columns and defined
 * names, against Excel's answers. Each expected value is what Excel gives, written from
 * Microsoft's support page for the function (named beside the case), not from running the
 * engine. The formula under test sits in H51 of "Báo cáo"; the cells it reads:
 *
 *   Báo cáo:  A1 "Đơn vị" · B1 "Chi bộ" · C1 "Xếp loại" · D1 "Đảng viên"
 *             A2 "Xã mẫu 01" B2 10 C2 "Tốt" D2 120
 *             A3 "Xã mẫu 02" B3 20 C3 "Khá" D3 80
 *             A4 "Xã mẫu 03" B4 30 C4 "Tốt" D4 200
 *             A5 "Xã mẫu 04" B5 40 C5 "Yếu" D5 "x"
 *             E2 =1/0 (an error)
 *   Biểu 02:  B5 7 · B6 8 · B7 9 · C5 "Đạt"
 * Defined names: SO_CHI_BO = 'Báo cáo'!$B$2:$B$5, HE_SO = 0.5, O_BIEU_02 = 'Biểu 02'!$B$5,
 * VONG = VONG (a name defined by itself).
 */
const own: Cells = {
  A1: "Đơn vị", B1: "Chi bộ", C1: "Xếp loại", D1: "Đảng viên",
  A2: "Xã mẫu 01", B2: 10, C2: "Tốt", D2: 120,
  A3: "Xã mẫu 02", B3: 20, C3: "Khá", D3: 80,
  A4: "Xã mẫu 03", B4: 30, C4: "Tốt", D4: 200,
  A5: "Xã mẫu 04", B5: 40, C5: "Yếu", D5: "x",
  E2: "=1/0",
};
const other: Cells = { B5: 7, B6: 8, B7: 9, C5: "Đạt" };
const NAMES: Record<string, string> = { SO_CHI_BO: "'Báo cáo'!$B$2:$B$5", HE_SO: "0.5", O_BIEU_02: "'Biểu 02'!$B$5", VONG: "VONG*2" };

function evaluate(formula: string): FormulaValue | null {
  const s = cellSheet("Báo cáo", { ...own, H51: `=${formula}` }, { usedRows: true });
  const o = cellSheet("Biểu 02", other, { usedRows: true });
  const engine = new FormulaEvaluator({
    sheet: (n) => ({ "báo cáo": s, "biểu 02": o })[n.toLowerCase()] ?? null,
    name: (n) => NAMES[n.toUpperCase()] ?? null,
  });
  return engine.valueAt(s, 50, 7, null);
}

// [formula, Excel's answer]; null: the engine cannot compute it (the reader names the cell).
const TABLE: [string, FormulaValue | null][] = [
  // "INDIRECT function": the reference a text names, A1 style by default, a sheet's name may lead it.
  ['INDIRECT("B3")', 20],
  ['SUM(INDIRECT("B2:B5"))', 100],
  ["INDIRECT(\"'Biểu 02'!B6\")", 8],
  ['INDIRECT("\'Biểu 02\'!B"&5)', 7],
  ['INDIRECT("R4C2",FALSE)', 30], // R1C1 style when a1 is FALSE
  ['INDIRECT("B"&(1+2))&""', "20"],
  ['INDIRECT("không phải ô")', "#REF!"], // "If ref_text is not a valid cell reference, INDIRECT returns the #REF! error value."
  ['INDIRECT("\'Không có\'!B2")', "#REF!"], // a sheet that is not in the workbook
  ['INDIRECT("SO_CHI_BO")', "#VALUE!"], // a defined name's four cells where one value is wanted
  ['SUM(INDIRECT("SO_CHI_BO"))', 100], // ref_text may be a defined name
  // "OFFSET function": rows down, columns across, height and width (the reference's own when left out).
  ["OFFSET(B2,2,0)", 30],
  ["OFFSET(A2,1,3)", 80],
  ["SUM(OFFSET(B2,0,0,4,1))", 100],
  ["SUM(OFFSET(B2:B3,1,0))", 50], // B3:B4
  ["SUM(OFFSET(B2,0,0,2,3))", 230], // B2:D3: SUM skips the text in C2 and C3 ("SUM function")
  ["OFFSET(B2,-2,0)", "#REF!"], // "If rows and cols offset reference over the edge of the worksheet, OFFSET returns the #REF! error value."
  ["OFFSET(B2,0,0,0,1)", "#REF!"], // height must be a positive number
  ["OFFSET(5,1,1)", "#VALUE!"], // reference must be a reference
  ["COUNTIF(OFFSET(C2,0,0,4,1),\"Tốt\")", 2],
  // "INDEX function" (array form).
  ["INDEX(B2:B5,3)", 30],
  ["INDEX(A2:D5,2,4)", 80],
  ["INDEX(A2:D2,3)", "Tốt"], // one row: the number picks along it
  ["SUM(INDEX(A2:D5,0,2))", 100], // row_num 0: the whole column
  ["SUM(INDEX(A2:D5,3,0))", 230], // column_num 0: the whole row (30 + 200, text skipped)
  ["INDEX(B2:B5,5)", "#REF!"], // beyond the range
  ["INDEX(B2:B5,-1)", "#VALUE!"],
  // "MATCH function": 0 exact (wildcards in text), 1 largest not above (ascending), -1 smallest not below (descending).
  ['MATCH("Xã mẫu 03",A2:A5,0)', 3],
  ['MATCH("xã mẫu 03",A2:A5,0)', 3], // "MATCH does not distinguish between uppercase and lowercase letters"
  ['MATCH("Xã*04",A2:A5,0)', 4],
  ['MATCH("Xã mẫu 0?",A2:A5,0)', 1],
  ["MATCH(25,B2:B5,1)", 2],
  ["MATCH(25,B2:B5)", 2], // match_type omitted is 1
  ["MATCH(40,B2:B5)", 4],
  ["MATCH(5,B2:B5,1)", "#N/A"], // nothing not above 5
  ["MATCH(99,B2:B5,0)", "#N/A"],
  ["MATCH(25,{40,30,20,10},-1)", null], // array constants are not read: named, not guessed
  ["MATCH(10,A2:B5,0)", "#N/A"], // lookup_array must be a single row or column
  ['INDEX(D2:D5,MATCH("Xã mẫu 03",A2:A5,0))', 200],
  ['IFERROR(INDEX(D2:D5,MATCH("Xã mẫu 09",A2:A5,0)),0)', 0],
  // "VLOOKUP function" / "HLOOKUP function".
  ['VLOOKUP("Xã mẫu 02",A2:D5,4,FALSE)', 80],
  ['VLOOKUP("Xã mẫu 09",A2:D5,4,FALSE)', "#N/A"],
  ["VLOOKUP(25,B2:D5,3,TRUE)", 80], // the closest key not above 25: 20
  ['VLOOKUP("Xã mẫu 02",A2:D5,5,FALSE)', "#REF!"], // col_index_num beyond the table
  ['HLOOKUP("Đảng viên",A1:D5,3,FALSE)', 80],
  ['HLOOKUP("Chi bộ",A1:D5,6,FALSE)', "#REF!"],
  // "SUMPRODUCT function": non-numeric entries count as 0; arrays of other shapes are #VALUE!.
  ["SUMPRODUCT(B2:B5,D2:D5)", 10 * 120 + 20 * 80 + 30 * 200],
  ['SUMPRODUCT((C2:C5="Tốt")*B2:B5)', 40],
  ['SUMPRODUCT(--(C2:C5="Tốt"))', 2],
  ['SUMPRODUCT((C2:C5="Tốt")*(B2:B5>15))', 1],
  ["SUMPRODUCT(B2:B5,D2:D4)", "#VALUE!"],
  ["SUMPRODUCT(B2:B3,E2:E3)", "#DIV/0!"], // an error in an array is the result
  ["SUM(B2:B5*2)", 200], // array arithmetic
  // COUNTIFS / SUMIFS / AVERAGEIFS / MAXIFS / MINIFS ("SUMIFS function": every criterion must hold).
  ['COUNTIFS(C2:C5,"Tốt",B2:B5,">15")', 1],
  ['SUMIFS(D2:D5,C2:C5,"Tốt")', 320],
  ['SUMIFS(D2:D5,C2:C5,"Tốt",B2:B5,"<20")', 120],
  ['AVERAGEIFS(B2:B5,C2:C5,"Tốt")', 20],
  ['AVERAGEIFS(B2:B5,C2:C5,"Xuất sắc")', "#DIV/0!"],
  ['MAXIFS(B2:B5,C2:C5,"Tốt")', 30],
  ['MINIFS(B2:B5,C2:C5,"Không có")', 0],
  // Rounding, absolute values, ranges in MAX/MIN, nested IF, text joined with &, percent literals.
  ["ROUND(2.345,2)", 2.35], // "ROUND function": half away from zero
  ["ROUND(-2.345,2)", -2.35],
  ["ROUNDUP(B2/3,1)", 3.4],
  ["ROUNDDOWN(B3/3,0)", 6],
  ["ROUND(1234.5,-2)", 1200],
  ["ABS(B2-B5)", 30],
  ["MAX(B2:B5)-MIN(B2:B5)", 30],
  ["MAX(D2:D5)", 200], // text in a range is skipped ("MAX function")
  ['IF(B2>5,IF(B3>25,"cao","vừa"),"thấp")', "vừa"],
  ['IF(B4>25,IF(D4>100,"đạt","chưa"),"thấp")', "đạt"],
  ['A2&" có "&B2&" chi bộ"', "Xã mẫu 01 có 10 chi bộ"],
  ['A2&": "&ROUND(B2/B5*100,1)&"%"', "Xã mẫu 01: 25%"],
  ["50%*B2", 5],
  ["B3*10%+1", 3],
  // Other sheets and whole columns.
  ["'Biểu 02'!B5+'Biểu 02'!B6", 15],
  ["SUM('Biểu 02'!B5:B7)", 24],
  ["SUM(B:B)", 100],
  ["COUNTA(A:A)", 5],
  ["SUM('Biểu 02'!B:B)", 24],
  ['COUNTIF(C:C,"Tốt")', 2],
  // Defined names.
  ["SUM(SO_CHI_BO)", 100],
  ["SUM(SO_CHI_BO)*HE_SO", 50],
  ["O_BIEU_02*2", 14],
  ["INDEX(SO_CHI_BO,2)", 20],
  ["VONG", null], // a name defined by itself: never a hang
  ["KHONG_CO_TEN+1", null], // a name the workbook does not define
];

describe("lookups, computed references and names, as Excel gives them", () => {
  it.each(TABLE)("=%s → %j", (formula, want) => {
    const got = evaluate(formula);
    if (typeof want === "number" && typeof got === "number") expect(got).toBeCloseTo(want, 12);
    else expect(got).toBe(want);
  });

  it("reads a whole column of a sheet that says its last row, and cannot on one that does not", () => {
    const s = cellSheet("Báo cáo", { ...own, H51: "=SUM(B:B)" }, { usedRows: true });
    const noLastRow: FormulaSheet = { key: s.key, value: s.value, formula: s.formula, lastColumn: s.lastColumn };
    expect(new FormulaEvaluator({ sheet: () => s }).valueAt(s, 50, 7, null)).toBe(100);
    expect(new FormulaEvaluator({ sheet: () => noLastRow }).valueAt(noLastRow, 50, 7, null)).toBeNull();
  });
});
