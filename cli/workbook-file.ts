import { readFile, stat } from "node:fs/promises";
import ExcelJS from "exceljs";
import { CliError } from "./errors.ts";
import { containerKind, passwordProtected, readXlsOrOds } from "./xls-ods.ts";

const MAX_BYTES = 200 * 1024 * 1024;

/**
 * Opens an .xlsx, .xls or .ods with clear answers for what clerks actually hand over: a wrong
 * path, a password-protected file (its own message), a damaged file.
 */
export async function openWorkbook(path: string): Promise<ExcelJS.Workbook> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new CliError(`"${path}" không phải là tệp.`, `"${path}" is not a file.`);
    size = s.size;
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`Không tìm thấy tệp "${path}".`, `File not found: "${path}".`);
  }
  if (size === 0) throw new CliError(`Tệp "${path}" rỗng.`, `File "${path}" is empty.`);
  if (size > MAX_BYTES) throw new CliError(`Tệp "${path}" quá lớn (${Math.round(size / 1048576)} MB, tối đa 200 MB).`, `File "${path}" is too large (${Math.round(size / 1048576)} MB, at most 200 MB).`);
  const buf = await readFile(path);
  const kind = containerKind(buf);
  if (kind === "encrypted") throw passwordProtected(path);
  if (kind === "xls" || kind === "ods") return readXlsOrOds(buf, path, kind);
  if (kind !== "xlsx") {
    throw new CliError(`Tệp "${path}" không phải là tệp Excel (.xlsx, .xls) hay .ods.`, `"${path}" is not an Excel (.xlsx, .xls) or .ods workbook.`, "not-a-workbook");
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new CliError(`Tệp "${path}" bị hỏng, không đọc được.`, `"${path}" is damaged and cannot be read.`);
  }
  return wb;
}
