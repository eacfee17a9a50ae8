import { readFile, stat } from "node:fs/promises";
import ExcelJS from "exceljs";
import { CliError } from "./errors.ts";

const MAX_BYTES = 200 * 1024 * 1024;
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/**
 * Opens an .xlsx with clear answers for what clerks actually hand over: a wrong path, an old
 * .xls or a password-protected file (both are OLE containers, not zip), a damaged file.
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
  if (buf.subarray(0, 4).equals(OLE)) {
    throw new CliError(
      `Tệp "${path}" được đặt mật khẩu hoặc là định dạng .xls cũ. Hãy bỏ mật khẩu hoặc lưu lại thành .xlsx trong Excel.`,
      `"${path}" is password-protected or an old .xls file. Remove the password or save it as .xlsx in Excel.`,
    );
  }
  if (!buf.subarray(0, 4).equals(ZIP)) {
    throw new CliError(`Tệp "${path}" không phải là tệp Excel .xlsx.`, `"${path}" is not an .xlsx workbook.`);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new CliError(`Tệp "${path}" bị hỏng, không đọc được.`, `"${path}" is damaged and cannot be read.`);
  }
  return wb;
}
