import { readFile, stat } from "node:fs/promises";
import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { readXlsx, XlsxError, type XlsxBook } from "../shared/xlsx/read.ts";
import { CliError } from "./errors.ts";
import { containerKind, passwordProtected, readXlsOrOds } from "./xls-ods.ts";
import { worksheetGrid } from "./xlsx-grid.ts";

const MAX_BYTES = 200 * 1024 * 1024;

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
 * Node's zlib for parts up to 256 MiB inflated (the 10k-row benchmark sheet is 85 MiB): three to
 * four times fflate's speed, for a part held whole for the moment it is read. It stops past the
 * directory's size, so a lying size is a damaged file, not a zip bomb. Larger parts stream.
 */
export const nativeInflater = {
  maxBytes: 256 * 1024 * 1024,
  // One output chunk of the stated size: with zlib's 16 KiB chunks, joining them was a third of the inflate.
  inflate: (raw: Uint8Array, size: number) => inflateRawSync(raw, { maxOutputLength: Math.max(size, 1), chunkSize: Math.max(size + 1, 64 * 1024) }),
};

/**
 * Opens an .xlsx for reading only (validate, submit): the streaming reader of shared/xlsx, each
 * sheet read when first asked for, its failures in the reader's own words. `keepGrids: false`
 * for a single pass (validate): the book then keeps no grid, so each is freed once read.
 */
export async function openBook(path: string, opts: { keepGrids?: boolean } = {}): Promise<XlsxBook> {
  const buf = await readChecked(path);
  const other = otherFormat(buf, path);
  if (other) return bookOf(other);
  try {
    const book = readXlsx(buf, { decode, inflater: nativeInflater, keep: { formulas: true }, ...(opts.keepGrids === false ? { keepGrids: false } : {}) });
    // Sheets are read lazily; their errors must still come out as the clerk's message.
    const sheets = book.sheets.map((s) => ({ ...s, grid: () => { try { return unsavedOnly(s.grid()); } catch (e) { throw e instanceof XlsxError ? fromXlsxError(path, e) : e; } } }));
    const opened: XlsxBook = { date1904: book.date1904, sheets, sheet: (name) => sheets.find((s) => s.name === name) };
    return opened;
  } catch (e) {
    if (e instanceof XlsxError) throw fromXlsxError(path, e);
    throw e;
  }
}

/**
 * The grid's formulas kept only where the file saved no result (tools other than Excel write
 * them so): those the core computes and names; a formula with its result is read as its result,
 * as exceljs' grid (xlsx-grid.ts) hands it. No formula array at all when every result was saved.
 */
function unsavedOnly<G extends { values: unknown[][]; formulas?: (string | null)[][] }>(grid: G): G {
  const f = grid.formulas;
  if (!f) return grid;
  let any = false;
  for (let r = 0; r < f.length; r++) {
    const row = f[r];
    if (!row?.length) continue;
    const vr = grid.values[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      if (row[c] === null || row[c] === undefined) continue;
      if (vr[c] !== null && vr[c] !== undefined) row[c] = null;
      else { any = true; if (!row[c]!.startsWith("=")) row[c] = `=${row[c]}`; }
    }
  }
  if (!any) delete grid.formulas;
  return grid;
}

/**
 * Opens an .xlsx with exceljs, for the commands that write it back (annotate keeps everything
 * the file holds), with clear answers for what clerks actually hand over: a wrong path, a
 * password-protected file (its own message), a damaged file; .xls and .ods are read too.
 */
export async function openWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const buf = await readChecked(path);
  const other = otherFormat(buf, path);
  if (other) return other;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new CliError(`Tệp "${path}" bị hỏng, không đọc được.`, `"${path}" is damaged and cannot be read.`);
  }
  return wb;
}

/**
 * An .xls or .ods read into an exceljs workbook (cli/xls-ods.ts); null for an .xlsx. A
 * password-protected file and bytes that are no workbook get their own messages.
 */
function otherFormat(buf: Buffer, path: string): ExcelJS.Workbook | null {
  const kind = containerKind(buf);
  if (kind === "encrypted") throw passwordProtected(path);
  if (kind === "xls" || kind === "ods") return readXlsOrOds(buf, path, kind);
  if (kind !== "xlsx") throw new CliError(`Tệp "${path}" không phải là tệp Excel (.xlsx, .xls) hay .ods.`, `"${path}" is not an Excel (.xlsx, .xls) or .ods workbook.`, "not-a-workbook");
  return null;
}

/** The read-only book the validate and submit paths take, over an in-memory workbook. */
function bookOf(wb: ExcelJS.Workbook): XlsxBook {
  const sheets = wb.worksheets.map((ws) => {
    let grid: ReturnType<XlsxBook["sheets"][number]["grid"]> | undefined;
    return { name: ws.name, state: ws.state, grid: () => (grid ??= worksheetGrid(ws) as ReturnType<XlsxBook["sheets"][number]["grid"]>) };
  });
  return { date1904: false, sheets, sheet: (name) => sheets.find((s) => s.name === name) };
}
