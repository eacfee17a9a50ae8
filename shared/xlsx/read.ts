import { XlsxError } from "./errors.ts";
import { cellStyles, scanPart, sharedStrings, workbookInfo, type CellStyle, type SheetState, type SharedStringLimits, type Utf8Decoder } from "./parts.ts";
import { SheetReader, type SheetOptions, type XlsxGrid } from "./sheet.ts";
import type { XmlLimits } from "./xml-scan.ts";
import { Zip, type WholeInflater, type ZipLimits } from "./zip.ts";

/**
 * An .xlsx read from its bytes, lazily: the zip directory and the sheet list at once, the
 * shared strings and styles the first time a sheet is read, each sheet's XML streamed into its
 * grid only when asked for. No I/O: hosts hand over the bytes (the CLI from disk, the preview
 * page from a File in a Web Worker).
 */
export interface XlsxSheet {
  name: string;
  state: SheetState;
  /** The sheet's grid, read on first call and kept (unless the book was opened with `keepGrids: false`). */
  grid(): XlsxGrid;
}

export interface XlsxBook {
  sheets: XlsxSheet[];
  date1904: boolean;
  sheet(name: string): XlsxSheet | undefined;
}

export interface XlsxOptions extends SheetOptions {
  zip?: Partial<ZipLimits>;
  xml?: Partial<XmlLimits>;
  strings?: Partial<SharedStringLimits>;
  /** A faster UTF-8 decoder than TextDecoder, where the host has one (Node's Buffer). */
  decode?: Utf8Decoder;
  /**
   * Keep each sheet's grid once read (the default: a host that reads a workbook twice, as
   * submit does, reads each sheet once). False for a host that reads each sheet once and
   * wants its grid freed as soon as it is done with it (validate of a 100,000-row sheet).
   */
  keepGrids?: boolean;
  /** The host's native inflater for parts up to its size (zip.ts). */
  inflater?: WholeInflater;
}

export function readXlsx(bytes: Uint8Array, opts: XlsxOptions = {}): XlsxBook {
  const zip = new Zip(bytes, { maxPartBytes: 2 * 1024 ** 3 - 1, maxEntries: 10_000, ...opts.zip }, opts.inflater);
  const info = workbookInfo(zip);
  const xml = opts.xml ? { maxToken: 4 * 1024 * 1024, maxDepth: 256, ...opts.xml } : undefined;
  let shared: { strings: string[]; styles: CellStyle[] } | null = null;
  const common = () => (shared ??= {
    strings: sharedStrings(zip, info.sharedStrings, { maxCount: 20_000_000, maxChars: 512 * 1024 * 1024, maxStringChars: 32_767, ...opts.strings }),
    styles: cellStyles(zip, info.styles),
  });
  const sheets: XlsxSheet[] = info.sheets.map((entry, at) => {
    const local = info.names.local.get(at);
    const definedNames = local ? { ...info.names.global, ...local } : info.names.global;
    let grid: XlsxGrid | null = null;
    return {
      name: entry.name,
      state: entry.state,
      grid() {
        if (grid) return grid;
        if (!zip.has(entry.part)) throw new XlsxError("missing-part", `Tệp thiếu trang tính "${entry.name}" (${entry.part}).`, `The file lacks sheet "${entry.name}" (${entry.part}).`);
        const { strings, styles } = common();
        const reader = new SheetReader(entry.name, strings, styles, info.date1904, opts);
        scanPart(zip, entry.part, reader, xml, undefined, opts.decode);
        const read = reader.grid();
        // Formulas saved without results may name the workbook's defined names.
        if (read.formulas && Object.keys(definedNames).length) read.definedNames = definedNames;
        if (opts.keepGrids !== false) grid = read;
        return read;
      },
    };
  });
  return { sheets, date1904: info.date1904, sheet: (name) => sheets.find((s) => s.name === name) };
}

export { XlsxError } from "./errors.ts";
export type { XlsxGrid } from "./sheet.ts";
