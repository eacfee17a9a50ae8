import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { clearFormTemplates, compileValidator, formTemplateCounts, getCatalog, isWithin, readSheet, workbookIssues, type Issue } from "../../shared/index.ts";
import { checkWorkbook } from "../../cli/check.ts";
import { loadTargets } from "../../cli/context.ts";
import { worksheetGrid } from "../../cli/xlsx-grid.ts";
import { HAM_TAN_COMMUNES, REGISTRY } from "../../seeds/orgunits.ts";

/**
 * A workbook of one report form per commune, as a district gathers them: `htct validate` reads
 * the copies from the first one's template and validates them stacked, and says exactly what
 * checking each sheet alone says — the planted errors on their own sheets and cells, nothing
 * on the consistent ones, a sheet with a changed label read the full way.
 */
const catalog = getCatalog();
// Six communes of one district, and one of another (its sheet's scope differs, its form does not).
const communes = [...HAM_TAN_COMMUNES.slice(0, 6), REGISTRY.find((u) => u.name === "Trung Chải")!];

function addForm(wb: ExcelJS.Workbook, unit: string, k: number, twist: "none" | "rate" | "text" | "label"): void {
  const ws = wb.addWorksheet(unit);
  ws.addRow([`ĐẢNG BỘ XÃ ${unit.toUpperCase()}`]);
  ws.addRow(["BÁO CÁO KẾT QUẢ XÂY DỰNG HỆ THỐNG CHÍNH TRỊ CƠ SỞ NĂM 2023"]);
  ws.addRow([]);
  ws.addRow(["STT", "Chỉ tiêu (Nội dung)", "Đơn vị tính", "Số lượng", "Tỷ lệ (%)"]);
  ws.addRow(["I", "Tổ chức đảng"]);
  const cells = 10 + k;
  ws.addRow([1, "Số chi bộ trực thuộc", "chi bộ", cells]);
  // 5/cells, rounded to two decimals; off by 2 points on the sheet with the planted error.
  const rate = Math.round((5 / cells) * 10000) / 100 + (twist === "rate" ? 2 : 0);
  ws.addRow(["-", twist === "label" ? "Chi bộ đạt trong sạch vững mạnh" : "Chi bộ đạt TSVM", "chi bộ", 5, rate]);
  ws.addRow(["II", "Đảng viên"]);
  ws.addRow([1, "Tổng số đảng viên", "người", 200 + k]);
  ws.addRow(["-", "Trong đó: nữ", "người", twist === "text" ? "sáu mươi" : 60]);
  ws.addRow([2, "Đảng viên HTTNV", "người", 150]);
  ws.addRow([3, "Đảng viên HTNV", "người", 30]);
  ws.addRow([4, "Đảng viên KHTNV", "người", 2]);
  ws.addRow([5, "Số đảng viên kết nạp trong kỳ", "người", 4 + k]);
  ws.addRow(["III", "Thôn, trường học, trạm y tế"]);
  ws.addRow([1, "Số thôn, bản", "thôn", 8]);
  ws.addRow([2, "Số khu phố, tổ dân phố", "khu phố", 3]);
  ws.addRow([3, "Số trường học", "trường", 4]);
  ws.addRow([4, "Số trạm y tế", "trạm", 1]);
  ws.addRow([]);
  ws.addRow([null, "Người lập biểu", null, "TM. BAN THƯỜNG VỤ"]);
  ws.addRow([null, `Cán bộ mẫu ${k + 1}`, null, "BÍ THƯ"]);
}

async function workbook(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  const twists = ["none", "rate", "none", "text", "label", "none", "none"] as const;
  communes.forEach((u, k) => addForm(wb, u.name, k, twists[k]!));
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  return back;
}

describe("htct validate on a workbook of one form per commune", () => {
  it("says what checking each sheet alone says, and reads the copies from the template", async () => {
    const wb = await workbook();
    const targets = loadTargets();
    clearFormTemplates(catalog);
    const got = checkWorkbook(wb, { registry: REGISTRY, targets, lang: "vi" });
    // Four sheets are read from the first one's template; the one with words where a figure
    // stands and the one with a changed label are read the full way.
    expect(formTemplateCounts(catalog)).toEqual({ hits: 4, remembered: 3 });

    const perSheet = wb.worksheets.map((ws) => {
      clearFormTemplates(catalog);
      const read = readSheet(worksheetGrid(ws), { catalog, registry: REGISTRY, lang: "vi" });
      const validate = compileValidator(catalog, { lang: "vi", targets, inScope: (u, s) => isWithin(REGISTRY, u, s), totalUnitId: read.scope, nameOf: (id) => REGISTRY.find((u) => u.code === id)?.name });
      return { read, table: read.table, issues: [...read.issues, ...validate(read.table, { history: read.history })] };
    });
    const want = workbookIssues(perSheet, "vi");
    expect(got.issues).toEqual(want);
    expect(got.sheets.map((s) => s.units[0]!.unitId)).toEqual(communes.map((u) => u.code));

    const errs = got.issues.filter((i: Issue) => i.severity === "error").map((i) => [i.sheet, i.rule, i.cells[0]]);
    expect(errs).toEqual(expect.arrayContaining([[communes[1]!.name, "rate_mismatch", "E7"], [communes[3]!.name, "invalid_value", "D10"]]));
    // Nothing on the consistent sheets.
    expect(got.sheets[6]!.scope).not.toBe(got.sheets[0]!.scope);
    for (const k of [0, 2, 5, 6]) expect(got.issues.filter((i) => i.sheet === communes[k]!.name && i.severity !== "info")).toEqual([]);
  });
});
