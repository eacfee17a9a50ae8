import { writeFile } from "node:fs/promises";
import type ExcelJS from "exceljs";
import { registryFromGrid, type Lang, type OrgUnit, type RegistryProblem } from "../shared/index.ts";
import { CliError } from "./errors.ts";
import { worksheetGrid } from "./xlsx-grid.ts";

export interface RegistryImport { code: 0 | 1; units: OrgUnit[]; problems: RegistryProblem[]; lines: string[] }

/**
 * `htct registry import`: the province's units from a workbook, checked as a whole (the shared
 * registry check), to the JSON every host reads. Nothing is written while any row has a problem.
 */
export async function importRegistry(wb: ExcelJS.Workbook, o: { sheet?: string; output?: string; lang: Lang }): Promise<RegistryImport> {
  const vi = o.lang === "vi";
  const ws = o.sheet ? wb.getWorksheet(o.sheet) : wb.worksheets.find((s) => s.state === "visible" && s.actualRowCount > 0);
  if (!ws) {
    throw new CliError(o.sheet ? `Không có trang tính "${o.sheet}".` : "Bảng tính không có trang tính nào có dữ liệu.", o.sheet ? `No sheet named "${o.sheet}".` : "The workbook has no sheet with data.");
  }
  const { units, problems } = registryFromGrid(worksheetGrid(ws));
  if (problems.length) {
    return {
      code: 1, units: [], problems,
      lines: [vi ? `Chưa tạo danh mục: ${problems.length} lỗi trên trang "${ws.name}". Sửa rồi chạy lại.` : `No registry written: ${problems.length} problems on sheet "${ws.name}". Fix them and run again.`,
        ...problems.slice(0, 50).map((p) => `  ✖ ${p.message[o.lang]}`), ...(problems.length > 50 ? [vi ? `  … và ${problems.length - 50} lỗi khác (xem --json).` : `  … and ${problems.length - 50} more (see --json).`] : [])],
    };
  }
  const json = `${JSON.stringify(units, null, 2)}\n`;
  if (o.output) await writeFile(o.output, json);
  const provinces = units.filter((u) => !u.parent).map((u) => u.name).join(", ");
  return {
    code: 0, units, problems: [],
    lines: o.output ? [vi ? `Đã đọc ${units.length} đơn vị (${provinces}) → ${o.output}` : `Read ${units.length} units (${provinces}) → ${o.output}`] : [json.trimEnd()],
  };
}
