import { readFile, stat } from "node:fs/promises";
import ExcelJS from "exceljs";
import { readXlsx, XlsxError, type XlsxBook } from "../shared/xlsx/read.ts";
import { CliError } from "./errors.ts";

const MAX_BYTES = 200 * 1024 * 1024;
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** The file's bytes, after the checks a clerk's mistakes need: a wrong path, empty, too large. */
async function readChecked(path: string): Promise<Buffer> {
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
  return readFile(path);
}

const fromXlsxError = (path: string, e: XlsxError) => new CliError(`"${path}": ${e.text.vi}`, `"${path}": ${e.text.en}`);

/** Node's own UTF-8 decoding, faster than TextDecoder's for the sheets' XML. */
const decode = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("utf8");

/**
 * Opens an .xlsx for reading only (validate, submit): the streaming reader of shared/xlsx, each
 * sheet read when first asked for, its failures in the reader's own words.
 */
export async function openBook(path: string): Promise<XlsxBook> {
  const buf = await readChecked(path);
  try {
    const book = readXlsx(buf, { decode });
    // Sheets are read lazily; their errors must still come out as the clerk's message.
    const sheets = book.sheets.map((s) => ({ ...s, grid: () => { try { return s.grid(); } catch (e) { throw e instanceof XlsxError ? fromXlsxError(path, e) : e; } } }));
    const opened: XlsxBook = { date1904: book.date1904, sheets, sheet: (name) => sheets.find((s) => s.name === name) };
    return opened;
  } catch (e) {
    if (e instanceof XlsxError) throw fromXlsxError(path, e);
    throw e;
  }
}

/**
 * Opens an .xlsx with exceljs, for the commands that write it back (annotate keeps everything
 * the file holds), with clear answers for what clerks actually hand over: a wrong path, an old
 * .xls or a password-protected file (both are OLE containers, not zip), a damaged file.
 */
export async function openWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const buf = await readChecked(path);
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
