import { XlsxError, malformed } from "./errors.ts";
import { XmlScanner, type XmlLimits, type XmlSink } from "./xml-scan.ts";
import type { Zip } from "./zip.ts";

/**
 * The workbook-level parts every sheet needs, each read once: the sheet list (names, states,
 * where each lives), the shared strings and the cell styles (number format, whether it shows a
 * date, font name).
 */
export type Utf8Decoder = (bytes: Uint8Array) => string;

const strictUtf8 = (): Utf8Decoder => {
  const d = new TextDecoder("utf-8", { fatal: true });
  return (b) => d.decode(b);
};

const GT = 0x3e;
/** Most bytes after a chunk's last ">" held back for the next chunk (a longer text goes as it is). */
const CARRY_BYTES = 64 * 1024;

/** Bytes at the end of `b` that start a UTF-8 sequence the chunk does not finish. */
function incompleteTail(b: Uint8Array): number {
  const n = b.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const c = b[n - k]!;
    if ((c & 0xc0) !== 0x80) {
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
      return need > k ? k : 0;
    }
  }
  return 0;
}

/**
 * Streams a part through the XML scanner. Chunks are cut at whole UTF-8 characters here, so a
 * host may pass a faster decoder than TextDecoder (Node's Buffer: the CLI does).
 */
export function scanPart(zip: Zip, part: string, sink: XmlSink, limits?: XmlLimits, maxBytes?: number, decode: Utf8Decoder = strictUtf8()): void {
  const scanner = new XmlScanner(part, sink, limits);
  let tail: Uint8Array | null = null;
  const feed = (chunk: Uint8Array) => {
    let b = chunk;
    if (tail) { b = new Uint8Array(tail.length + chunk.length); b.set(tail); b.set(chunk, tail.length); tail = null; }
    // Cut after the chunk's last ">" (never part of a multi-byte character) and keep the rest as
    // bytes for the next one: the scanner then rarely carries a token over, and joining its
    // carry to each new chunk copied the whole chunk again when the scanner first searched it.
    let cut = 0;
    const gt = b.lastIndexOf(GT);
    if (gt >= 0 && b.length - gt - 1 <= CARRY_BYTES) cut = b.length - gt - 1;
    else cut = incompleteTail(b);
    if (cut) { tail = b.slice(b.length - cut); b = b.subarray(0, b.length - cut); }
    let text: string;
    try {
      text = decode(b);
    } catch {
      throw malformed(part, "không phải UTF-8 / not UTF-8");
    }
    if (text) scanner.write(text);
  };
  zip.stream(part, feed, maxBytes);
  const rest = tail as Uint8Array | null;
  if (rest) {
    // What came after the last ">": whitespace after the root, or a part cut short.
    if (incompleteTail(rest)) throw malformed(part, "không phải UTF-8 / not UTF-8");
    tail = null;
    feed(rest);
    if (tail) throw malformed(part, "không phải UTF-8 / not UTF-8");
  }
  scanner.end();
}

export type SheetState = "visible" | "hidden" | "veryHidden";

export interface SheetEntry { name: string; state: SheetState; part: string }

export interface WorkbookInfo {
  sheets: SheetEntry[]; date1904: boolean; sharedStrings: string | null; styles: string | null;
  /** Defined names (upper-cased) and their definitions: the workbook's, and each sheet's own by its position. */
  names: { global: Record<string, string>; local: Map<number, Record<string, string>> };
}

function resolve(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg && seg !== ".") parts.push(seg);
  }
  return parts.join("/");
}

function relsOf(zip: Zip, part: string): Map<string, { type: string; target: string }> {
  const relsPart = resolve(part, `_rels/${part.split("/").pop()}.rels`);
  const rels = new Map<string, { type: string; target: string }>();
  if (!zip.has(relsPart)) return rels;
  scanPart(zip, relsPart, {
    open(name, tag) {
      if (name !== "Relationship") return;
      const id = tag.attr("Id");
      const target = tag.attr("Target");
      if (id && target && tag.attr("TargetMode") !== "External") rels.set(id, { type: tag.attr("Type") ?? "", target: resolve(part, target) });
    },
    close() {},
    text() {},
  });
  return rels;
}

export function workbookInfo(zip: Zip): WorkbookInfo {
  let main: string | null = null;
  if (zip.has("_rels/.rels")) {
    for (const r of relsOf(zip, "").values()) if (r.type.endsWith("/officeDocument")) main = r.target;
  }
  main ??= zip.has("xl/workbook.xml") ? "xl/workbook.xml" : null;
  if (!main || !zip.has(main)) {
    throw new XlsxError("missing-part", "Tệp không có phần bảng tính (xl/workbook.xml): không phải tệp .xlsx hoặc đã hỏng.", "The file has no workbook part (xl/workbook.xml): not an .xlsx, or damaged.");
  }
  const rels = relsOf(zip, main);
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  const names: WorkbookInfo["names"] = { global: {}, local: new Map() };
  let defining: { name: string; local: number | null; text: string } | null = null;
  scanPart(zip, main, {
    open(name, tag) {
      if (name === "definedName") {
        const n = tag.attr("name");
        const local = tag.attr("localSheetId");
        // Excel's own hidden names (_xlnm.Print_Area, _xlnm._FilterDatabase) are not formulas' names.
        defining = n && !n.startsWith("_xlnm.") ? { name: n.toUpperCase(), local: local !== null && local !== undefined && /^[0-9]+$/.test(local) ? Number(local) : null, text: "" } : null;
      } else if (name === "workbookPr") {
        const d = tag.attr("date1904");
        date1904 = d === "1" || d === "true";
      } else if (name === "sheet") {
        const sheetName = tag.attr("name");
        const rel = rels.get(tag.attr("id") ?? "");
        if (!sheetName || !rel) return;
        const st = tag.attr("state");
        sheets.push({ name: sheetName, state: st === "hidden" || st === "veryHidden" ? st : "visible", part: rel.target });
      }
    },
    close(name) {
      if (name !== "definedName" || !defining) return;
      const d: { name: string; local: number | null; text: string } = defining;
      defining = null;
      if (d.local === null) names.global[d.name] = d.text;
      else { let m = names.local.get(d.local); if (!m) { m = {}; names.local.set(d.local, m); } m[d.name] = d.text; }
    },
    text(t) { if (defining) defining.text += t; },
  });
  let sharedStrings: string | null = null;
  let styles: string | null = null;
  for (const r of rels.values()) {
    if (r.type.endsWith("/sharedStrings")) sharedStrings = r.target;
    else if (r.type.endsWith("/styles")) styles = r.target;
  }
  return { sheets, date1904, names, sharedStrings: sharedStrings && zip.has(sharedStrings) ? sharedStrings : null, styles: styles && zip.has(styles) ? styles : null };
}

/**
 * A copy of a text cut from a chunk of the part's XML that does not keep the chunk alive: V8
 * keeps a slice of 13 characters or more as a view of its whole parent string, so every kept
 * cell text held its 64 KiB chunk (170 MiB of a 10,000-row sheet's 230 MiB grid). Joining
 * flattens into a new string, of which the slice is a view. Other engines just copy.
 */
export function detached(t: string): string {
  return t.length < 13 ? t : ` ${t}`.slice(1);
}

/** Excel's `_xHHHH_` escapes (a carriage return is `_x000D_`). */
export function unescapeOoxml(t: string): string {
  return t.indexOf("_x") < 0 ? t : t.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

export interface SharedStringLimits { maxCount: number; maxChars: number; maxStringChars: number }

export const DEFAULT_SHARED_STRING_LIMITS: SharedStringLimits = { maxCount: 20_000_000, maxChars: 512 * 1024 * 1024, maxStringChars: 32_767 };

/** Each shared string's plain text: rich runs joined, phonetic guides left out. */
export function sharedStrings(zip: Zip, part: string | null, limits = DEFAULT_SHARED_STRING_LIMITS): string[] {
  const out: string[] = [];
  if (!part) return out;
  let cur = "";
  let inSi = false;
  let inT = false;
  let phonetic = 0;
  let chars = 0;
  scanPart(zip, part, {
    open(name) {
      if (name === "si") { inSi = true; cur = ""; }
      else if (name === "t") inT = inSi && phonetic === 0;
      else if (name === "rPh") phonetic++;
    },
    close(name) {
      if (name === "t") inT = false;
      else if (name === "rPh") phonetic--;
      else if (name === "si") {
        inSi = false;
        if (out.length >= limits.maxCount) throw new XlsxError("too-large", `Tệp có quá ${limits.maxCount} chuỗi dùng chung.`, `The file has more than ${limits.maxCount} shared strings.`);
        if (cur.length > limits.maxStringChars * 2) throw new XlsxError("too-large", `Một ô có hơn ${limits.maxStringChars} ký tự (giới hạn của Excel).`, `A cell holds more than ${limits.maxStringChars} characters (Excel's limit).`);
        chars += cur.length;
        if (chars > limits.maxChars) throw new XlsxError("too-large", "Chuỗi dùng chung của tệp quá lớn.", "The file's shared strings are too large.");
        out.push(detached(unescapeOoxml(cur)));
      }
    },
    text(t) { if (inT) cur += t; },
  });
  return out;
}

export interface CellStyle { numFmt: string | null; isDate: boolean; font: string | null }

/** Number formats Excel does not write out (ECMA-376 18.8.30), as exceljs names them. */
const BUILT_IN: Record<number, string> = {
  1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
  14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 22: 'm/d/yy "h":mm',
  27: '[$-404]e/m/d', 30: "m/d/yy", 36: '[$-404]e/m/d', 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00 ;(#,##0.00)", 40: "#,##0.00 ;[Red](#,##0.00)",
  45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@", 50: '[$-404]e/m/d', 57: '[$-404]e/m/d', 59: "t0", 60: "t0.00", 61: "t#,##0", 62: "t#,##0.00",
  67: "t0%", 68: "t0.00%", 69: "t# ?/?", 70: "t# ??/??",
};

/** Whether a number format shows a date or time: its letters outside quotes and [brackets]. */
export function isDateFormat(fmt: string | null): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""));
}

/** Cell styles by index (the `s` of a cell). */
export function cellStyles(zip: Zip, part: string | null): CellStyle[] {
  const out: CellStyle[] = [];
  if (!part) return out;
  const fmts = new Map<number, string>();
  const fonts: (string | null)[] = [];
  let where: "fonts" | "cellXfs" | null = null;
  let inFont = false;
  scanPart(zip, part, {
    open(name, tag) {
      if (name === "numFmt") {
        const id = Number(tag.attr("numFmtId"));
        const code = tag.attr("formatCode");
        if (Number.isInteger(id) && code !== undefined) fmts.set(id, code);
      } else if (name === "fonts" || name === "cellXfs") where = name;
      else if (where === "fonts" && name === "font") { inFont = true; fonts.push(null); }
      else if (where === "fonts" && inFont && name === "name") { const f = tag.attr("val"); fonts[fonts.length - 1] = f === undefined ? null : detached(f); }
      else if (where === "cellXfs" && name === "xf") {
        const id = Number(tag.attr("numFmtId") ?? 0);
        const fmt = id ? fmts.get(id) ?? BUILT_IN[id] ?? null : null;
        const numFmt = fmt === null ? null : detached(fmt);
        out.push({ numFmt, isDate: isDateFormat(numFmt), font: fonts[Number(tag.attr("fontId") ?? 0)] ?? null });
      }
    },
    close(name) {
      if (name === "font") inFont = false;
      else if (name === where) where = null;
    },
    text() {},
  });
  return out;
}
