import type { CellValue, MergeRange, SheetGrid } from "../model.ts";
import { XlsxError, damaged, tooLarge } from "./errors.ts";
import { detached, unescapeOoxml, type CellStyle } from "./parts.ts";
import type { Tag, XmlSink } from "./xml-scan.ts";
import { shiftRelative } from "../parse/formula-refs.ts";

/**
 * One worksheet's XML, streamed into the grid the core reads: each cell's value goes straight
 * into its row's array (no cell objects); formula cells give their cached result, shared and
 * inline strings their plain text, errors `{error}`, numbers in a date format a Date (as
 * exceljs gives them); merged areas, hidden rows and columns, and number formats are kept.
 */
export interface XlsxGrid extends SheetGrid {
  formats: (string | null)[][];
  merges: MergeRange[];
  hiddenRows: number[];
  hiddenColumns: number[];
  /** A formula's text where the cell has one (`keep.formulas`); shared formulas' copies are "". */
  formulas?: (string | null)[][];
  /** The cell's font name (`keep.fonts`): old TCVN3/VNI files are told apart by their fonts. */
  fonts?: (string | null)[][];
}

export interface SheetOptions {
  keep?: { formulas?: boolean; fonts?: boolean };
  /** Most cells holding a value, across the sheet. */
  maxCells?: number;
}

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

/** 0-based column of an A1 reference's letters, −1 if it has none. */
function colOf(ref: string): number {
  let c = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const k = ref.charCodeAt(i);
    if (k >= 65 && k <= 90) c = c * 26 + (k - 64);
    else if (k >= 97 && k <= 122) c = c * 26 + (k - 96);
    else break;
  }
  return i === 0 ? -1 : c - 1;
}

function rowOf(ref: string): number {
  let i = 0;
  while (i < ref.length && ref.charCodeAt(i) > 57) i++;
  const r = Number(ref.slice(i));
  return Number.isInteger(r) && r >= 1 ? r - 1 : -1;
}

const CELL_ATTRS = ["r", "t", "s"] as const;

/** colOf() of src[from, to) without slicing it. */
function colAt(src: string, from: number, to: number): number {
  let c = 0;
  let i = from;
  for (; i < to; i++) {
    const k = src.charCodeAt(i);
    if (k >= 65 && k <= 90) c = c * 26 + (k - 64);
    else if (k >= 97 && k <= 122) c = c * 26 + (k - 96);
    else break;
  }
  return i === from ? -1 : c - 1;
}

const TYPES = new Map<string, string>();
/** A cell's type attribute, each spelling made a string once. */
function typeAt(src: string, from: number, to: number): string {
  if (to - from === 1) return ONE_CHAR[src.charCodeAt(from)] ?? src.slice(from, to);
  const t = src.slice(from, to);
  let k = TYPES.get(t);
  if (k === undefined) { k = detached(t); if (TYPES.size < 64) TYPES.set(k, k); }
  return k;
}
const ONE_CHAR: string[] = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));

/** A run of 1–9 digits as its integer; −1 for anything else (left to Number()). */
function uintAt(src: string, from: number, to: number): number {
  if (to <= from || to - from > 9) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = src.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
/**
 * src[from, to) as Number() reads it when it is a plain decimal ("-12", "3.25", "007"), else NaN
 * (left to Number()). At most 15 digits, so the digits are an exact integer m and the value
 * m / 10^f is the double nearest the decimal, which is what Number() gives.
 */
function decimalAt(src: string, from: number, to: number): number {
  let i = from;
  const neg = i < to && src.charCodeAt(i) === 45;
  if (neg) i++;
  if (i >= to) return NaN;
  let m = 0, digits = 0, frac = -1;
  for (; i < to; i++) {
    const k = src.charCodeAt(i);
    if (k === 46) { if (frac >= 0 || digits === 0) return NaN; frac = 0; continue; }
    const d = k - 48;
    if (d < 0 || d > 9) return NaN;
    m = m * 10 + d;
    if (++digits > 15) return NaN;
    if (frac >= 0) frac++;
  }
  if (frac === 0) return NaN;
  const v = frac > 0 ? m / POW10[frac]! : m;
  return neg ? -v : v;
}

/** Whether any of the cell's attribute values holds an entity. */
function hasAmp(src: string, sp: Int32Array): boolean {
  for (let k = 0; k < 6; k += 2) {
    const from = sp[k]!;
    if (from < 0) continue;
    for (let i = from, to = sp[k + 1]!; i < to; i++) if (src.charCodeAt(i) === 38) return true;
  }
  return false;
}
const EMPTY_STYLE: CellStyle = { numFmt: null, isDate: false, font: null };

export class SheetReader implements XmlSink {
  readonly values: CellValue[][] = [];
  readonly formats: (string | null)[][] = [];
  readonly formulas: (string | null)[][] | undefined;
  readonly fonts: (string | null)[][] | undefined;
  readonly merges: MergeRange[] = [];
  readonly hiddenRows: number[] = [];
  private readonly hiddenColRanges: [number, number][] = [];
  private row = -1;
  private col = -1;
  private type = "";
  private style = EMPTY_STYLE;
  private buf = "";
  private formula: string | null = null;
  /** The <f>'s shared-formula index when it is one (a master holds the text, its copies none). */
  private sharedIndex: string | null = null;
  private readonly sharedMasters = new Map<string, { text: string; r: number; c: number }>();
  /** Formulas of cells saved without a result, by row (sparse): the core computes them. */
  /** Formulas of cells without a saved result, by row (sparse until grid()). */
  private uncached: (string | null)[][] | null = null;
  private collecting = 0; // 1: <v>, 2: inline <t>, 3: <f>
  private inInline = false;
  private phonetic = 0;
  private hasValue = false;
  private cells = 0;
  private readonly maxCells: number;
  private readonly cellAttrs: (string | undefined)[] = [undefined, undefined, undefined];
  private readonly spans = new Int32Array(6);
  /** The current <v>'s text as a place in a chunk (span, spanFrom, spanTo), not yet a string. */
  private span: string | null = null;
  private spanFrom = 0;
  private spanTo = 0;
  /** Each distinct text kept once (grades and names repeat down a sheet), detached from its chunk. */
  private readonly texts = new Map<string, string>();

  constructor(private readonly name: string, private readonly strings: readonly string[], private readonly styles: readonly CellStyle[], private readonly date1904: boolean, opts: SheetOptions = {}) {
    this.formulas = opts.keep?.formulas ? [] : undefined;
    this.fonts = opts.keep?.fonts ? [] : undefined;
    this.maxCells = opts.maxCells ?? 60_000_000;
  }

  open(name: string, tag: Tag): void {
    switch (name) {
      case "c": {
        // A cell's three attributes in one pass, read in place: three million cells in the
        // 10k-row benchmark, and three strings each were most of the reader's garbage.
        const sp = this.spans;
        tag.attrSpans(CELL_ATTRS, sp);
        const src = tag.source;
        if (hasAmp(src, sp)) { this.openCellSlow(tag); return; }
        const c = sp[0]! < 0 ? this.col + 1 : colAt(src, sp[0]!, sp[1]!);
        if (c < 0 || c >= MAX_COLS) { const ref = src.slice(sp[0]!, sp[1]!); throw damaged(`ô "${ref}" / cell "${ref}"`); }
        this.col = c;
        this.type = sp[2]! < 0 ? "" : typeAt(src, sp[2]!, sp[3]!);
        const si = sp[4]! < 0 ? 0 : uintAt(src, sp[4]!, sp[5]!);
        this.style = this.styles[si >= 0 ? si : Number(src.slice(sp[4]!, sp[5]!))] ?? EMPTY_STYLE;
        this.startCell();
        return;
      }
      case "v": this.collecting = 1; this.buf = ""; this.span = null; this.hasValue = true; return;
      case "f": {
        this.collecting = 3;
        this.formula = "";
        this.sharedIndex = tag.attr("t") === "shared" ? tag.attr("si") ?? null : null;
        return;
      }
      case "is": this.inInline = true; this.buf = ""; this.span = null; this.hasValue = true; return;
      case "rPh": this.phonetic++; return;
      case "t": if (this.inInline && this.phonetic === 0) this.collecting = 2; return;
      case "row": {
        const r = tag.attr("r");
        const n = r === undefined ? this.row + 1 : Number(r) - 1;
        if (!Number.isInteger(n) || n < 0 || n >= MAX_ROWS) throw damaged(`dòng "${r}" / row "${r}"`);
        this.row = n;
        this.col = -1;
        const h = tag.attr("hidden");
        if (h === "1" || h === "true") this.hiddenRows.push(n);
        return;
      }
      case "col": {
        const h = tag.attr("hidden");
        if (h !== "1" && h !== "true") return;
        const min = Number(tag.attr("min")), max = Number(tag.attr("max"));
        if (Number.isInteger(min) && Number.isInteger(max) && min >= 1 && max >= min) this.hiddenColRanges.push([min - 1, Math.min(max, MAX_COLS) - 1]);
        return;
      }
      case "mergeCell": {
        const ref = tag.attr("ref") ?? "";
        const [a, b = a] = ref.split(":");
        const top = rowOf(a!), left = colOf(a!), bottom = rowOf(b!), right = colOf(b!);
        if (top < 0 || left < 0 || bottom < top || right < left) return;
        this.merges.push({ top, left, bottom, right });
        return;
      }
      default:
    }
  }

  text(t: string): void {
    if (this.collecting === 3) this.formula += t;
    else if (this.collecting) { this.flushSpan(); this.buf += t; }
  }

  textAt(src: string, from: number, to: number): void {
    // A <v>'s text is kept as where it lies, parsed at the cell's end without a string when it
    // is a plain number or string index; anything else is sliced, as text() would have it.
    if (this.collecting === 1 && this.buf === "" && this.span === null) { this.span = src; this.spanFrom = from; this.spanTo = to; return; }
    if (this.collecting) this.text(src.slice(from, to));
  }

  private flushSpan(): void {
    if (this.span === null) return;
    this.buf += this.span.slice(this.spanFrom, this.spanTo);
    this.span = null;
  }

  /** The cell's attributes as strings, when one holds an entity (never in a file Excel wrote). */
  private openCellSlow(tag: Tag): void {
    const a = this.cellAttrs;
    tag.attrs(CELL_ATTRS, a);
    const ref = a[0];
    const c = ref === undefined ? this.col + 1 : colOf(ref);
    if (c < 0 || c >= MAX_COLS) throw damaged(`ô "${ref}" / cell "${ref}"`);
    this.col = c;
    this.type = a[1] ?? "";
    const s = a[2];
    this.style = this.styles[s === undefined ? 0 : Number(s)] ?? EMPTY_STYLE;
    this.startCell();
  }

  private startCell(): void {
    this.buf = "";
    this.span = null;
    this.formula = null;
    this.hasValue = false;
  }

  close(name: string): void {
    switch (name) {
      case "v": case "f": this.collecting = 0; return;
      case "t": if (this.collecting === 2) this.collecting = 0; return;
      case "is": this.inInline = false; return;
      case "rPh": this.phonetic--; return;
      case "c": this.endCell(); return;
      default:
    }
  }

  private endCell(): void {
    if (!this.hasValue && this.formula === null) return;
    if (this.row < 0) throw damaged("ô ngoài dòng / cell outside a row");
    let v: CellValue = null;
    // A plain number or index read where it lies (the same value Number() gives), if it is one.
    let n = NaN;
    if (this.span !== null) {
      n = this.type === "" || this.type === "n" || this.type === "s" || this.type === "b" ? decimalAt(this.span, this.spanFrom, this.spanTo) : NaN;
      if (Number.isNaN(n)) this.flushSpan();
    }
    if (this.hasValue && this.span !== null) {
      // n is a finite number here.
      switch (this.type) {
        case "s": {
          const s = this.strings[n];
          if (s === undefined) { this.flushSpan(); throw damaged(`chuỗi dùng chung số ${this.buf.slice(0, 12)} không có / shared string ${this.buf.slice(0, 12)} missing`); }
          v = s;
          break;
        }
        case "b": v = n !== 0; break;
        default: v = this.style.isDate ? excelDate(n, this.date1904) : n;
      }
      this.span = null;
    } else if (this.hasValue) {
      const t = this.buf;
      switch (this.type) {
        case "s": {
          const i = Number(t);
          const s = this.strings[i];
          if (s === undefined) throw damaged(`chuỗi dùng chung số ${t.slice(0, 12)} không có / shared string ${t.slice(0, 12)} missing`);
          v = s;
          break;
        }
        case "str": case "inlineStr": v = this.own(unescapeOoxml(t)); break;
        case "b": v = Number(t) !== 0; break;
        case "e": v = { error: this.own(t) }; break;
        case "d": { const d = new Date(t); v = Number.isNaN(d.getTime()) ? this.own(t) : d; break; }
        default: {
          const n = Number(t);
          v = t === "" ? null : Number.isNaN(n) ? this.own(t) : this.style.isDate ? excelDate(n, this.date1904) : n;
        }
      }
    }
    if (++this.cells > this.maxCells) throw tooLarge({ vi: `trang "${this.name}" có hơn ${this.maxCells} ô có dữ liệu`, en: `sheet "${this.name}" has more than ${this.maxCells} cells with data` });
    const r = this.row, c = this.col;
    while (this.values.length <= r) {
      this.values.push([]);
      this.formats.push([]);
      this.formulas?.push([]);
      this.fonts?.push([]);
    }
    put(this.values[r]!, c, v, null);
    // Formats stay sparse: the core reads them as formats[r]?.[c].
    if (this.style.numFmt !== null) put(this.formats[r]!, c, this.style.numFmt, null);
    if (this.formulas) put(this.formulas[r]!, c, this.formula === null ? null : detached(this.formula), null);
    // A formula saved without its result (tools other than Excel write them so) goes to the core,
    // which computes it, as the exceljs path hands it over: never read as a silent blank.
    else if (this.formula !== null) this.keepUncached(v, r, c);
    if (this.fonts) put(this.fonts[r]!, c, this.style.font, null);
  }

  /**
   * A formula saved without its result (tools other than Excel write them so) is kept for the
   * core to compute; one with its result is not needed. A shared formula's copy is its master's
   * text moved by the copy's offset, as Excel reads it.
   */
  private keepUncached(v: CellValue, r: number, c: number): void {
    let text = this.formula!;
    const si = this.sharedIndex;
    if (si !== null) {
      if (text !== "") this.sharedMasters.set(si, { text: detached(text), r, c });
      else {
        const m = this.sharedMasters.get(si);
        // A copy whose master is unknown is still a formula without a result: named, never blank.
        text = m ? shiftRelative(m.text, r - m.r, c - m.c) : "#SHARED?";
      }
    }
    if (v !== null || text === "") return;
    const rows = (this.uncached ??= []);
    put((rows[r] ??= []), c, `=${detached(text)}`, null);
  }

  private own(t: string): string {
    let k = this.texts.get(t);
    if (k === undefined) {
      k = detached(t);
      // Bounded: a sheet of distinct texts gains nothing from the map.
      if (this.texts.size < 100_000) this.texts.set(k, k);
    }
    return k;
  }

  grid(): XlsxGrid {
    // The core expects a merged area's other cells empty, whatever the file holds there.
    for (const m of this.merges) {
      for (let r = m.top; r <= m.bottom && r < this.values.length; r++) {
        const row = this.values[r]!, fr = this.formats[r]!;
        for (let c = m.left; c <= m.right && c < row.length; c++) {
          if (r === m.top && c === m.left) continue;
          row[c] = null;
          fr[c] = null;
        }
      }
    }
    let width = 0;
    for (const row of this.values) if (row.length > width) width = row.length;
    const hidden = new Set<number>();
    for (const [a, b] of this.hiddenColRanges) for (let c = a; c <= b && c < width; c++) hidden.add(c);
    const g: XlsxGrid = {
      name: this.name, values: this.values, formats: this.formats, merges: this.merges,
      hiddenRows: [...new Set(this.hiddenRows)].sort((a, b) => a - b), hiddenColumns: [...hidden].sort((a, b) => a - b),
    };
    if (this.formulas) g.formulas = this.formulas;
    else if (this.uncached) g.formulas = Array.from(this.uncached, (row) => row ?? []);
    if (this.fonts) g.fonts = this.fonts;
    return g;
  }
}

/** Sets a[i], filling any gap before it with `fill` so the row stays a dense array. */
function put<T>(a: T[], i: number, v: T, fill: T): void {
  while (a.length < i) a.push(fill);
  a[i] = v;
}

export { XlsxError };
