import type {
  OfficeHost, XlChart, XlChartCollection, XlChartSeries, XlPageLayout, XlContext, XlNote, XlNoteCollection, XlRange, XlRangeFill, XlRangeFont,
  XlRangeFormat, XlRun, XlTable, XlTableCollection, XlValue, XlWorksheet, XlWorksheetCollection,
} from "../../../addin/src/excel/surface.ts";
import { a1, columnLetters, parseA1 } from "../../../shared/parse/text.ts";
import { emptyCell, FakeSheet, FakeWorkbook, MAX_COLS, MAX_ROWS, type Box, type FakeCell } from "./model.ts";

/**
 * A fake Excel host: the Office.js surface of addin/src/excel/surface.ts over a FakeWorkbook,
 * with Office.js' batching rules. Nothing happens until `context.sync()`: loads, writes and calls
 * are queued and run in order at the sync; reading a property that was not loaded throws, as
 * Office.js does; methods newer than the host's ExcelApi version throw ApiNotFound. Every sync is
 * counted and the bytes of its request (the queued actions as JSON, object paths spelled out in
 * each, which overstates Office.js' own encoding) and of its response are recorded. A request over
 * 5 MB fails as Excel on the web fails.
 */
export const WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;

export class FakeExcelError extends Error {
  constructor(readonly code: string, message: string) {
    super(`${code}: ${message}`);
  }
}

export interface SyncRecord { requestBytes: number; responseBytes: number; actions: number }

export interface FakeHostOptions {
  /** Highest ExcelApi requirement set the host claims ("1.1" … "1.18"). */
  excelApi?: string;
  displayLanguage?: string;
}

function versionAtLeast(have: string, want: string): boolean {
  const [ha = 0, hb = 0] = have.split(".").map(Number);
  const [wa = 0, wb = 0] = want.split(".").map(Number);
  return ha > wa || (ha === wa && hb >= wb);
}

const byteLength = (s: string) => new TextEncoder().encode(s).length;

interface Action { desc: unknown; run: () => unknown }

export class FakeExcelHost {
  readonly syncs: SyncRecord[] = [];
  readonly excelApi: string;
  readonly office: OfficeHost;
  private listeners = new Set<() => void>();

  constructor(public workbook: FakeWorkbook, opts: FakeHostOptions = {}) {
    this.excelApi = opts.excelApi ?? "1.18";
    const host = this;
    this.office = {
      isSetSupported: (name, version) => name === "ExcelApi" && versionAtLeast(host.excelApi, version),
      displayLanguage: opts.displayLanguage ?? "vi-VN",
      documentUrl: workbook.name,
      settings: {
        get: (name) => host.pendingSettings[name] ?? null,
        set: (name, value) => { host.pendingSettings[name] = structuredClone(value); },
        remove: (name) => { delete host.pendingSettings[name]; },
        saveAsync: (cb) => {
          host.workbook.settings = structuredClone(host.pendingSettings);
          queueMicrotask(() => cb?.({ status: "succeeded" }));
        },
      },
    };
    this.pendingSettings = structuredClone(workbook.settings);
  }
  private pendingSettings: Record<string, unknown>;

  /** Excel.run: a fresh context per batch function. */
  readonly run: XlRun = async (batch) => {
    const ctx = new FakeContext(this);
    return batch(ctx);
  };

  supports(version: string): boolean { return versionAtLeast(this.excelApi, version); }
  requireApi(version: string, what: string): void {
    if (!this.supports(version)) throw new FakeExcelError("ApiNotFound", `${what} needs ExcelApi ${version}; this host has ${this.excelApi}`);
  }
  onChange(fn: () => void): () => void { this.listeners.add(fn); return () => this.listeners.delete(fn); }
  changed(): void { for (const fn of this.listeners) fn(); }
  resetCounters(): void { this.syncs.length = 0; }
  get syncCount(): number { return this.syncs.length; }
  get maxRequestBytes(): number { return Math.max(0, ...this.syncs.map((s) => s.requestBytes)); }
  get maxResponseBytes(): number { return Math.max(0, ...this.syncs.map((s) => s.responseBytes)); }
}

class FakeContext implements XlContext {
  pending: Action[] = [];
  readonly workbook: { worksheets: XlWorksheetCollection };
  constructor(readonly host: FakeExcelHost) {
    this.workbook = { worksheets: new WorksheetCollectionProxy(this) };
  }
  get wb(): FakeWorkbook { return this.host.workbook; }
  queue(desc: unknown, run: () => unknown): void { this.pending.push({ desc, run }); }

  async sync(): Promise<void> {
    const actions = this.pending;
    this.pending = [];
    const requestBytes = byteLength(JSON.stringify(actions.map((a) => a.desc)));
    const record: SyncRecord = { requestBytes, responseBytes: 0, actions: actions.length };
    this.host.syncs.push(record);
    if (requestBytes > WEB_PAYLOAD_LIMIT) throw new FakeExcelError("RequestPayloadSizeLimitExceeded", `${requestBytes} bytes`);
    let response = 0;
    try {
      for (const a of actions) {
        const out = a.run();
        if (out !== undefined) response += byteLength(JSON.stringify(out));
      }
    } finally {
      record.responseBytes = response;
      this.host.changed();
    }
    if (response > WEB_PAYLOAD_LIMIT) throw new FakeExcelError("ResponsePayloadSizeLimitExceeded", `${response} bytes`);
  }
}

/** Property names from Office.js load syntax: "a,b", ["a","b"], "items/name". */
function loadNames(names?: string | string[]): string[] {
  const list = (Array.isArray(names) ? names : (names ?? "").split(",")).map((s) => s.trim()).filter(Boolean);
  // "items/name,items/visibility" is one load of the items with two properties each.
  const items = list.filter((n) => n === "items" || n.startsWith("items/"));
  const rest = list.filter((n) => !items.includes(n));
  return items.length ? [...rest, `items/${items.map((n) => (n.includes("/") ? n.slice(6) : "name")).join(",")}`] : rest;
}

/** Shared machinery: queued loads into a snapshot, getters that refuse unloaded properties. */
abstract class ProxyBase<T> {
  protected data = new Map<string, unknown>();
  constructor(readonly ctx: FakeContext, readonly path: string) {}
  /** The live object at sync time; null for a null object. */
  protected abstract target(): T | null;
  protected abstract read(t: T, name: string): unknown;
  protected write(_t: T, name: string, _value: unknown): void {
    throw new FakeExcelError("InvalidArgument", `${this.path}.${name} is read-only here`);
  }
  protected nullable = false;

  protected resolve(): T {
    const t = this.target();
    if (t === null) throw new FakeExcelError("ItemNotFound", this.path);
    return t;
  }
  protected get_(name: string): never {
    if (!this.data.has(name)) throw new FakeExcelError("PropertyNotLoaded", `${this.path}.${name}: call load() and sync() first`);
    return this.data.get(name) as never;
  }
  protected set_(name: string, value: unknown): void {
    this.ctx.queue({ op: "set", path: this.path, name, value }, () => { this.write(this.resolve(), name, value); });
  }
  protected call(name: string, args: unknown[], fn: (t: T) => void): void {
    this.ctx.queue({ op: "call", path: this.path, name, args }, () => { fn(this.resolve()); });
  }
  get isNullObject(): boolean { return this.get_("isNullObject"); }

  protected doLoad(names?: string | string[]): void {
    const list = loadNames(names);
    this.ctx.queue({ op: "load", path: this.path, names: list }, () => {
      const t = this.nullable ? this.target() : this.resolve();
      this.data.set("isNullObject", t === null);
      if (t === null) return { isNullObject: true };
      const out: Record<string, unknown> = {};
      for (const n of list) {
        const v = this.read(t, n);
        this.data.set(n, v);
        out[n] = v;
      }
      return out;
    });
  }
}

// ── Worksheets ─────────────────────────────────────────────────────────────────────────────

class WorksheetCollectionProxy extends ProxyBase<FakeWorkbook> implements XlWorksheetCollection {
  constructor(ctx: FakeContext) { super(ctx, "worksheets"); }
  protected target() { return this.ctx.wb; }
  protected read(wb: FakeWorkbook, name: string): unknown {
    if (name.startsWith("items")) {
      const sub = name.includes("/") ? name.slice(name.indexOf("/") + 1) : "name";
      const subs = sub.split(",").map((x) => x.replace(/^items\//, ""));
      const items = wb.sheets.map((s) => new WorksheetProxy(this.ctx, `worksheets.getItem(${JSON.stringify(s.name)})`, () => s));
      items.forEach((p, i) => { for (const n of subs) p.preload(n, wb.sheets[i]!); });
      this.data.set("items", items);
      return wb.sheets.map((s, i) => Object.fromEntries(subs.map((n) => [n, items[i]!.readSheet(s, n)])));
    }
    throw new FakeExcelError("InvalidArgument", `worksheets.${name}`);
  }
  get items(): XlWorksheet[] { return this.get_("items"); }
  load(names?: string | string[]): XlWorksheetCollection { this.doLoad(names); return this; }
  getItem(key: string): XlWorksheet {
    return new WorksheetProxy(this.ctx, `worksheets.getItem(${JSON.stringify(key)})`, () => this.ctx.wb.sheet(key) ?? null);
  }
  getItemOrNullObject(key: string): XlWorksheet {
    this.ctx.host.requireApi("1.4", "worksheets.getItemOrNullObject");
    return new WorksheetProxy(this.ctx, `worksheets.getItemOrNullObject(${JSON.stringify(key)})`, () => this.ctx.wb.sheet(key) ?? null, true);
  }
  getActiveWorksheet(): XlWorksheet {
    return new WorksheetProxy(this.ctx, "worksheets.getActiveWorksheet()", () => this.ctx.wb.sheets[this.ctx.wb.activeSheet] ?? null);
  }
  add(name?: string): XlWorksheet {
    let created: FakeSheet | null = null;
    this.ctx.queue({ op: "call", path: "worksheets", name: "add", args: [name] }, () => {
      let n = name;
      for (let k = 1; !n || this.ctx.wb.sheet(n); k++) n = `Sheet${this.ctx.wb.sheets.length + k}`;
      created = this.ctx.wb.add(n);
    });
    return new WorksheetProxy(this.ctx, `worksheets.add(${JSON.stringify(name)})`, () => created);
  }
}

class WorksheetProxy extends ProxyBase<FakeSheet> implements XlWorksheet {
  constructor(ctx: FakeContext, path: string, private readonly find: () => FakeSheet | null, nullable = false) {
    super(ctx, path);
    this.nullable = nullable;
  }
  protected target() { return this.find(); }
  readSheet(s: FakeSheet, name: string): unknown { return this.read(s, name); }
  preload(name: string, s: FakeSheet): void { this.data.set(name, this.read(s, name)); this.data.set("isNullObject", false); }
  protected read(s: FakeSheet, name: string): unknown {
    switch (name) {
      case "name": return s.name;
      case "visibility": return s.visibility;
      case "position": return this.ctx.wb.sheets.indexOf(s);
      default: throw new FakeExcelError("InvalidArgument", `worksheet.${name}`);
    }
  }
  protected override write(s: FakeSheet, name: string, value: unknown): void {
    if (name === "name") s.name = String(value);
    else if (name === "visibility") s.visibility = String(value);
    else super.write(s, name, value);
  }
  get name(): string { return this.get_("name"); }
  set name(v: string) { this.set_("name", v); }
  get visibility(): string { return this.get_("visibility"); }
  set visibility(v: string) { this.set_("visibility", v); }
  load(names?: string | string[]): XlWorksheet { this.doLoad(names); return this; }

  getRange(address?: string): XlRange {
    const sheet = () => this.resolve();
    return new RangeProxy(this.ctx, `${this.path}.getRange(${JSON.stringify(address ?? "")})`, () => {
      const s = sheet();
      return { sheet: s, box: address ? parseBox(address) : { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 } };
    });
  }
  getUsedRange(valuesOnly?: boolean): XlRange {
    if (valuesOnly !== undefined) this.ctx.host.requireApi("1.2", "getUsedRange(valuesOnly)");
    return new RangeProxy(this.ctx, `${this.path}.getUsedRange(${valuesOnly ?? ""})`, () => {
      const s = this.resolve();
      // Excel answers A1 for an empty sheet.
      return { sheet: s, box: s.usedBox(!!valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange & { readonly isNullObject: boolean } {
    this.ctx.host.requireApi("1.4", "getUsedRangeOrNullObject");
    return new RangeProxy(this.ctx, `${this.path}.getUsedRangeOrNullObject(${valuesOnly ?? ""})`, () => {
      const s = this.target();
      const box = s?.usedBox(!!valuesOnly);
      return s && box ? { sheet: s, box } : null;
    }, true);
  }
  delete(): void {
    this.call("delete", [], (s) => {
      const wb = this.ctx.wb;
      if (wb.sheets.filter((x) => x.visibility === "Visible").length <= 1 && s.visibility === "Visible") {
        throw new FakeExcelError("InvalidOperation", "a workbook keeps at least one visible sheet");
      }
      const active = wb.sheets[wb.activeSheet];
      wb.sheets.splice(wb.sheets.indexOf(s), 1);
      wb.activeSheet = Math.max(0, active && active !== s ? wb.sheets.indexOf(active) : wb.sheets.findIndex((x) => x.visibility === "Visible"));
    });
  }
  activate(): void {
    this.call("activate", [], (s) => { this.ctx.wb.activeSheet = this.ctx.wb.sheets.indexOf(s); });
  }
  get notes(): XlNoteCollection {
    this.ctx.host.requireApi("1.18", "worksheet.notes");
    return new NoteCollectionProxy(this.ctx, `${this.path}.notes`, () => this.resolve());
  }
  get tables(): XlTableCollection { return new TableCollectionProxy(this.ctx, `${this.path}.tables`, () => this.resolve()); }
  get charts(): XlChartCollection { return new ChartCollectionProxy(this.ctx, `${this.path}.charts`, () => this.resolve()); }
  get freezePanes(): { freezeRows(count?: number): void } {
    this.ctx.host.requireApi("1.7", "freezePanes");
    return { freezeRows: (count = 1) => this.call("freezePanes.freezeRows", [count], (s) => { s.frozenRows = count; }) };
  }
  get pageLayout(): XlPageLayout {
    this.ctx.host.requireApi("1.9", "worksheet.pageLayout");
    return pageLayoutProxy(this.ctx, `${this.path}.pageLayout`, () => this.resolve());
  }
}

const ORIENTATIONS = ["Portrait", "Landscape"];
const PAPERS = ["A3", "A4", "A5", "B4", "B5", "Letter", "Legal", "Tabloid", "Executive"];

/** Page layout as strict as Excel: known enum values only, fit-to-pages as whole numbers, title rows as a row range. */
function pageLayoutProxy(ctx: FakeContext, path: string, sheet: () => FakeSheet): XlPageLayout {
  const set = (name: string, value: unknown, apply: (s: FakeSheet) => void) => ctx.queue({ op: "set", path, name, value }, () => apply(sheet()));
  const unloaded = (name: string): never => { throw new FakeExcelError("PropertyNotLoaded", `${path}.${name}`); };
  return {
    get orientation(): "Portrait" { return unloaded("orientation"); },
    set orientation(v: string) { set("orientation", v, (s) => { if (!ORIENTATIONS.includes(v)) throw new FakeExcelError("InvalidArgument", `orientation ${v}`); s.pageLayout.orientation = v; }); },
    get paperSize(): "A4" { return unloaded("paperSize"); },
    set paperSize(v: string) { set("paperSize", v, (s) => { if (!PAPERS.includes(v)) throw new FakeExcelError("InvalidArgument", `paperSize ${v}`); s.pageLayout.paperSize = v; }); },
    get zoom(): XlPageLayout["zoom"] { return unloaded("zoom"); },
    set zoom(v: XlPageLayout["zoom"]) {
      set("zoom", v, (s) => {
        const keys = Object.keys(v);
        const whole = (x: unknown) => x === undefined || (Number.isInteger(x) && (x as number) >= 0);
        if (keys.some((k) => !["horizontalFitToPages", "verticalFitToPages", "scale"].includes(k)) || !whole(v.horizontalFitToPages) || !whole(v.verticalFitToPages)) throw new FakeExcelError("InvalidArgument", `zoom ${JSON.stringify(v)}`);
        if (v.scale !== undefined && (v.horizontalFitToPages !== undefined || v.verticalFitToPages !== undefined)) throw new FakeExcelError("InvalidArgument", "zoom takes a scale or pages to fit, not both");
        s.pageLayout.zoom = { ...v };
      });
    },
    setPrintTitleRows(rows: string) {
      ctx.queue({ op: "call", path, name: "setPrintTitleRows", args: [rows] }, () => {
        const m = /^\$?(\d+):\$?(\d+)$/.exec(rows);
        if (!m || Number(m[1]) < 1 || Number(m[2]) < Number(m[1])) throw new FakeExcelError("InvalidArgument", `print title rows ${rows}`);
        sheet().pageLayout.printTitleRows = `$${m[1]}:$${m[2]}`;
      });
    },
  };
}

// ── Ranges ─────────────────────────────────────────────────────────────────────────────────

interface RangeTarget { sheet: FakeSheet; box: Box }

export function parseBox(address: string): Box {
  const a = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [from, to = from] = a.replace(/\$/g, "").toUpperCase().split(":") as [string, string?];
  const col = /^[A-Z]{1,3}$/;
  if (col.test(from) && col.test(to!)) {
    const c0 = parseA1(`${from}1`)!.col, c1 = parseA1(`${to}1`)!.col;
    return { r0: 0, c0, r1: MAX_ROWS - 1, c1 };
  }
  const p = parseA1(from), q = parseA1(to!);
  if (!p || !q) throw new FakeExcelError("InvalidArgument", `address ${address}`);
  return { r0: Math.min(p.row, q.row) - 1, c0: Math.min(p.col, q.col), r1: Math.max(p.row, q.row) - 1, c1: Math.max(p.col, q.col) };
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function boxAddress(b: Box): string {
  const tl = a1(b.c0, b.r0 + 1);
  return b.r0 === b.r1 && b.c0 === b.c1 ? tl : `${tl}:${a1(b.c1, b.r1 + 1)}`;
}

function grid<T>(t: RangeTarget, f: (c: FakeCell | undefined) => T): T[][] {
  const { box } = t;
  if ((box.r1 - box.r0 + 1) * (box.c1 - box.c0 + 1) > 5_000_000) throw new FakeExcelError("ResponsePayloadSizeLimitExceeded", "range too large to read");
  const out: T[][] = [];
  for (let r = box.r0; r <= box.r1; r++) {
    const row: T[] = [];
    for (let c = box.c0; c <= box.c1; c++) row.push(f(t.sheet.get(r, c)));
    out.push(row);
  }
  return out;
}

/** Each cell of the box with the matching element of a 2-D argument (or the one scalar for all). */
function eachInput(t: RangeTarget, value: unknown, name: string, fn: (cell: FakeCell, v: unknown, r: number, c: number) => void): void {
  const { box } = t;
  const rows = box.r1 - box.r0 + 1, cols = box.c1 - box.c0 + 1;
  const is2d = Array.isArray(value);
  if (is2d) {
    const v = value as unknown[][];
    if (v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols)) {
      throw new FakeExcelError("InvalidArgument", `${name}: ${v.length}×${(v[0] as unknown[] | undefined)?.length ?? 0} does not fit ${rows}×${cols}`);
    }
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const cell = t.sheet.cell(box.r0 + r, box.c0 + c);
      fn(cell, is2d ? (value as unknown[][])[r]![c] : value, box.r0 + r, box.c0 + c);
      t.sheet.tidy(box.r0 + r, box.c0 + c);
    }
  }
}

/**
 * What typing `v` into a cell does: a leading apostrophe makes text, "=" a formula, digits a
 * number. Excel also makes formulas of "+1+1", "-A1", "+cmd|…" and "@SUM(…)" (as =+1+1, =-A1,
 * =SUM(…)); so does this stand-in, and of anything after leading spaces too (stricter than Excel).
 */
function enter(cell: FakeCell, v: unknown): void {
  if (v === null || v === undefined) return; // Office.js leaves cells given null unchanged
  if (typeof v === "number" || typeof v === "boolean") { cell.value = v; cell.formula = null; return; }
  const s = String(v);
  if (s.startsWith("'")) { cell.value = s.slice(1); cell.formula = null; return; }
  if (s.startsWith("=") && s.length > 1) { cell.formula = s; cell.value = evaluate(s); return; }
  const lead = /^\s*([+\-@])(.+)$/s.exec(s);
  if (lead && !/^\s*[-+]?\d+(\.\d+)?\s*$/.test(s)) {
    cell.formula = lead[1] === "@" ? `=${lead[2]}` : `=${lead[1]}${lead[2]}`;
    cell.value = evaluate(cell.formula);
    return;
  }
  cell.formula = null;
  if (cell.numberFormat !== "@" && /^-?\d+(\.\d+)?$/.test(s.trim())) cell.value = Number(s);
  else cell.value = s;
}

/** The few formulas the add-in writes; anything else shows as Excel shows an unknown name. */
function evaluate(formula: string): XlValue {
  const link = /^=HYPERLINK\("((?:[^"]|"")*)"\s*,\s*"((?:[^"]|"")*)"\)$/i.exec(formula);
  if (link) return link[2]!.replace(/""/g, '"');
  return "#NAME?";
}

class RangeProxy extends ProxyBase<RangeTarget> implements XlRange {
  constructor(ctx: FakeContext, path: string, private readonly find: () => RangeTarget | null, nullable = false) {
    super(ctx, path);
    this.nullable = nullable;
  }
  protected target() { return this.find(); }
  protected read(t: RangeTarget, name: string): unknown {
    switch (name) {
      case "address": return `${quoteSheet(t.sheet.name)}!${boxAddress(t.box)}`;
      case "values": return grid(t, (c) => c?.value ?? "");
      case "formulas": return grid(t, (c) => c?.formula ?? c?.value ?? "");
      case "numberFormat": return grid(t, (c) => c?.numberFormat ?? "General");
      case "rowIndex": return t.box.r0;
      case "columnIndex": return t.box.c0;
      case "rowCount": return t.box.r1 - t.box.r0 + 1;
      case "columnCount": return t.box.c1 - t.box.c0 + 1;
      default: throw new FakeExcelError("InvalidArgument", `range.${name}`);
    }
  }
  protected override write(t: RangeTarget, name: string, value: unknown): void {
    switch (name) {
      case "values": case "formulas": eachInput(t, value, name, (cell, v) => enter(cell, v)); return;
      case "numberFormat": eachInput(t, value, name, (cell, v) => { if (v !== null && v !== undefined) cell.numberFormat = String(v); }); return;
      default: super.write(t, name, value);
    }
  }
  get address(): string { return this.get_("address"); }
  get values(): unknown[][] { return this.get_("values"); }
  set values(v: unknown[][]) { this.set_("values", v); }
  get formulas(): unknown[][] { return this.get_("formulas"); }
  set formulas(v: unknown[][]) { this.set_("formulas", v); }
  get numberFormat(): unknown[][] { return this.get_("numberFormat"); }
  set numberFormat(v: unknown[][]) { this.set_("numberFormat", v); }
  get rowIndex(): number { return this.get_("rowIndex"); }
  get columnIndex(): number { return this.get_("columnIndex"); }
  get rowCount(): number { return this.get_("rowCount"); }
  get columnCount(): number { return this.get_("columnCount"); }
  load(names?: string | string[]): XlRange & { readonly isNullObject: boolean } { this.doLoad(names); return this; }
  get format(): XlRangeFormat { return new RangeFormatProxy(this.ctx, `${this.path}.format`, () => this.resolve()); }
  select(): void {
    this.call("select", [], (t) => {
      this.ctx.wb.activeSheet = this.ctx.wb.sheets.indexOf(t.sheet);
      this.ctx.wb.selection = { sheet: t.sheet.name, address: boxAddress(t.box) };
    });
  }
  clear(applyTo = "All"): void {
    this.call("clear", [applyTo], (t) => {
      const hits = [...t.sheet.entries()].filter(([r, c]) => r >= t.box.r0 && r <= t.box.r1 && c >= t.box.c0 && c <= t.box.c1);
      for (const [r, c, cell] of hits) {
        if (applyTo === "All" || applyTo === "Contents") { cell.value = ""; cell.formula = null; }
        if (applyTo === "All" || applyTo === "Formats") { cell.numberFormat = "General"; cell.fill = null; cell.bold = false; cell.fontColor = null; cell.underline = null; }
        t.sheet.tidy(r, c);
      }
    });
  }
}

class RangeFormatProxy extends ProxyBase<RangeTarget> implements XlRangeFormat {
  constructor(ctx: FakeContext, path: string, private readonly find: () => RangeTarget) { super(ctx, path); }
  protected target() { return this.find(); }
  protected read(t: RangeTarget, name: string): unknown {
    if (name === "wrapText") return false;
    if (name === "columnWidth") return t.sheet.columnWidths.get(t.box.c0) ?? 48;
    throw new FakeExcelError("InvalidArgument", `format.${name}`);
  }
  protected override write(t: RangeTarget, name: string, value: unknown): void {
    if (name === "wrapText") return;
    if (name === "columnWidth") { for (let c = t.box.c0; c <= t.box.c1; c++) t.sheet.columnWidths.set(c, Number(value)); return; }
    super.write(t, name, value);
  }
  get fill(): XlRangeFill { return new FillProxy(this.ctx, `${this.path}.fill`, () => this.resolve()); }
  get font(): XlRangeFont { return new FontProxy(this.ctx, `${this.path}.font`, () => this.resolve()); }
  get wrapText(): boolean { return this.get_("wrapText"); }
  set wrapText(v: boolean) { this.set_("wrapText", v); }
  get columnWidth(): number { return this.get_("columnWidth"); }
  set columnWidth(v: number) { this.set_("columnWidth", v); }
  autofitColumns(): void {
    this.ctx.host.requireApi("1.2", "autofitColumns");
    this.call("autofitColumns", [], () => undefined);
  }
}

/** Excel reports one value for a multi-cell range only when all cells agree, else null. */
function common<T>(t: RangeTarget, f: (c: FakeCell | undefined) => T): T | null {
  let first: { v: T } | null = null;
  for (let r = t.box.r0; r <= t.box.r1; r++) {
    for (let c = t.box.c0; c <= t.box.c1; c++) {
      const v = f(t.sheet.get(r, c));
      if (!first) first = { v };
      else if (first.v !== v) return null;
    }
  }
  return first ? first.v : null;
}

class FillProxy extends ProxyBase<RangeTarget> implements XlRangeFill {
  constructor(ctx: FakeContext, path: string, private readonly find: () => RangeTarget) { super(ctx, path); }
  protected target() { return this.find(); }
  protected read(t: RangeTarget, name: string): unknown {
    if (name === "color") return common(t, (c) => c?.fill?.color ?? "#FFFFFF");
    if (name === "pattern") { this.ctx.host.requireApi("1.9", "fill.pattern"); return common(t, (c) => c?.fill?.pattern ?? "None"); }
    throw new FakeExcelError("InvalidArgument", `fill.${name}`);
  }
  protected override write(t: RangeTarget, name: string, value: unknown): void {
    const each = (fn: (cell: FakeCell) => void) => {
      for (let r = t.box.r0; r <= t.box.r1; r++) for (let c = t.box.c0; c <= t.box.c1; c++) { fn(t.sheet.cell(r, c)); t.sheet.tidy(r, c); }
    };
    if (name === "color") each((cell) => { cell.fill = { color: String(value).toUpperCase(), pattern: cell.fill?.pattern && cell.fill.pattern !== "None" ? cell.fill.pattern : "Solid" }; });
    else if (name === "pattern") {
      this.ctx.host.requireApi("1.9", "fill.pattern");
      each((cell) => { cell.fill = value === "None" ? null : { color: cell.fill?.color ?? "#000000", pattern: String(value) }; });
    } else super.write(t, name, value);
  }
  get color(): string { return this.get_("color"); }
  set color(v: string) { this.set_("color", v); }
  get pattern(): string { return this.get_("pattern"); }
  set pattern(v: string) { this.set_("pattern", v); }
  load(names?: string | string[]): XlRangeFill { this.doLoad(names); return this; }
  clear(): void {
    this.call("fill.clear", [], (t) => {
      for (const [r, c, cell] of [...t.sheet.entries()]) {
        if (r >= t.box.r0 && r <= t.box.r1 && c >= t.box.c0 && c <= t.box.c1) { cell.fill = null; t.sheet.tidy(r, c); }
      }
    });
  }
}

class FontProxy extends ProxyBase<RangeTarget> implements XlRangeFont {
  constructor(ctx: FakeContext, path: string, private readonly find: () => RangeTarget) { super(ctx, path); }
  protected target() { return this.find(); }
  protected read(t: RangeTarget, name: string): unknown {
    if (name === "bold") return common(t, (c) => c?.bold ?? false);
    if (name === "color") return common(t, (c) => c?.fontColor ?? "#000000");
    if (name === "underline") return common(t, (c) => c?.underline ?? "None");
    throw new FakeExcelError("InvalidArgument", `font.${name}`);
  }
  protected override write(t: RangeTarget, name: string, value: unknown): void {
    for (let r = t.box.r0; r <= t.box.r1; r++) {
      for (let c = t.box.c0; c <= t.box.c1; c++) {
        const cell = t.sheet.cell(r, c);
        if (name === "bold") cell.bold = !!value;
        else if (name === "color") cell.fontColor = String(value);
        else if (name === "underline") cell.underline = value === "None" ? null : String(value);
        else super.write(t, name, value);
        t.sheet.tidy(r, c);
      }
    }
  }
  get bold(): boolean { return this.get_("bold"); }
  set bold(v: boolean) { this.set_("bold", v); }
  get color(): string { return this.get_("color"); }
  set color(v: string) { this.set_("color", v); }
  get underline(): string { return this.get_("underline"); }
  set underline(v: string) { this.set_("underline", v); }
}

// ── Notes (ExcelApi 1.18) ──────────────────────────────────────────────────────────────────

interface NoteTarget { sheet: FakeSheet; r: number; c: number }

function singleCell(address: string): { r: number; c: number } {
  const b = parseBox(address);
  if (b.r0 !== b.r1 || b.c0 !== b.c1) throw new FakeExcelError("InvalidCellAddress", address);
  return { r: b.r0, c: b.c0 };
}

class NoteCollectionProxy implements XlNoteCollection {
  constructor(private readonly ctx: FakeContext, private readonly path: string, private readonly sheet: () => FakeSheet) {}
  add(cellAddress: string, content: string): XlNote {
    const { r, c } = singleCell(cellAddress);
    this.ctx.queue({ op: "call", path: this.path, name: "add", args: [cellAddress, content] }, () => {
      const s = this.sheet();
      if (s.get(r, c)?.note != null) throw new FakeExcelError("InvalidArgument", `a note exists at ${cellAddress}`);
      s.cell(r, c).note = String(content);
    });
    return new NoteProxy(this.ctx, `${this.path}.getItem(${JSON.stringify(cellAddress)})`, () => ({ sheet: this.sheet(), r, c }), false);
  }
  getItemOrNullObject(key: string): XlNote {
    const { r, c } = singleCell(key);
    return new NoteProxy(this.ctx, `${this.path}.getItemOrNullObject(${JSON.stringify(key)})`, () => {
      const s = this.sheet();
      return s.get(r, c)?.note != null ? { sheet: s, r, c } : null;
    }, true);
  }
}

class NoteProxy extends ProxyBase<NoteTarget> implements XlNote {
  constructor(ctx: FakeContext, path: string, private readonly find: () => NoteTarget | null, nullable: boolean) {
    super(ctx, path);
    this.nullable = nullable;
  }
  protected target() { return this.find(); }
  protected read(t: NoteTarget, name: string): unknown {
    if (name === "content") return t.sheet.get(t.r, t.c)?.note ?? "";
    throw new FakeExcelError("InvalidArgument", `note.${name}`);
  }
  protected override write(t: NoteTarget, name: string, value: unknown): void {
    if (name === "content") t.sheet.cell(t.r, t.c).note = String(value);
    else super.write(t, name, value);
  }
  get content(): string { return this.get_("content"); }
  set content(v: string) { this.set_("content", v); }
  load(names?: string | string[]): XlNote { this.doLoad(names); return this; }
  delete(): void {
    this.call("delete", [], (t) => { t.sheet.cell(t.r, t.c).note = null; t.sheet.tidy(t.r, t.c); });
  }
}

// ── Tables and charts ──────────────────────────────────────────────────────────────────────

type TableModel = FakeSheet["tables"][number];
type ChartModel = FakeSheet["charts"][number];

class TableCollectionProxy extends ProxyBase<FakeSheet> implements XlTableCollection {
  constructor(ctx: FakeContext, path: string, private readonly sheet: () => FakeSheet) { super(ctx, path); }
  protected target() { return this.sheet(); }
  protected read(s: FakeSheet, name: string): unknown {
    if (!name.startsWith("items")) throw new FakeExcelError("InvalidArgument", `tables.${name}`);
    const items = s.tables.map((t) => new TableProxy(this.ctx, `${this.path}.getItem(${JSON.stringify(t.name)})`, () => t, s));
    items.forEach((p) => p.preload());
    this.data.set("items", items);
    return s.tables.map((t) => ({ name: t.name }));
  }
  get items(): XlTable[] { return this.get_("items"); }
  load(names?: string | string[]): XlTableCollection { this.doLoad(names); return this; }
  add(address: string, hasHeaders: boolean): XlTable {
    let created: TableModel | null = null;
    this.ctx.queue({ op: "call", path: this.path, name: "add", args: [address, hasHeaders] }, () => {
      const s = this.sheet();
      const all = this.ctx.wb.sheets.flatMap((x) => x.tables);
      created = { name: `Table${all.length + 1}`, address: boxAddress(parseBox(address)), style: "TableStyleMedium2" };
      s.tables.push(created);
    });
    return new TableProxy(this.ctx, `${this.path}.add(${JSON.stringify(address)})`, () => created, this.sheet);
  }
}

class TableProxy extends ProxyBase<TableModel> implements XlTable {
  private readonly sheetOf: () => FakeSheet;
  constructor(ctx: FakeContext, path: string, private readonly find: () => TableModel | null, sheet: FakeSheet | (() => FakeSheet)) {
    super(ctx, path);
    this.sheetOf = typeof sheet === "function" ? sheet : () => sheet;
  }
  protected target() { return this.find(); }
  preload(): void { const t = this.find(); if (t) { this.data.set("name", t.name); this.data.set("isNullObject", false); } }
  protected read(t: TableModel, name: string): unknown {
    if (name === "name") return t.name;
    if (name === "style") return t.style;
    throw new FakeExcelError("InvalidArgument", `table.${name}`);
  }
  protected override write(t: TableModel, name: string, value: unknown): void {
    if (name === "name") {
      if (this.ctx.wb.sheets.some((s) => s.tables.some((x) => x !== t && x.name.toLowerCase() === String(value).toLowerCase()))) {
        throw new FakeExcelError("InvalidArgument", `table name ${String(value)} is taken`);
      }
      t.name = String(value);
    } else if (name === "style") t.style = String(value);
    else super.write(t, name, value);
  }
  get name(): string { return this.get_("name"); }
  set name(v: string) { this.set_("name", v); }
  get style(): string { return this.get_("style"); }
  set style(v: string) { this.set_("style", v); }
  load(names?: string | string[]): XlTable { this.doLoad(names); return this; }
  delete(): void {
    this.call("delete", [], (t) => { const s = this.sheetOf(); s.tables.splice(s.tables.indexOf(t), 1); });
  }
}

class ChartCollectionProxy extends ProxyBase<FakeSheet> implements XlChartCollection {
  constructor(ctx: FakeContext, path: string, private readonly sheet: () => FakeSheet) { super(ctx, path); }
  protected target() { return this.sheet(); }
  protected read(s: FakeSheet, name: string): unknown {
    if (!name.startsWith("items")) throw new FakeExcelError("InvalidArgument", `charts.${name}`);
    this.data.set("items", s.charts.map((c) => new ChartProxy(this.ctx, `${this.path}.getItem(${JSON.stringify(c.name)})`, () => c, s)));
    return s.charts.map((c) => ({ name: c.name }));
  }
  get items(): XlChart[] { return this.get_("items"); }
  load(names?: string | string[]): XlChartCollection { this.doLoad(names); return this; }
  add(type: string, sourceData: XlRange, seriesBy?: string): XlChart {
    let created: ChartModel | null = null;
    const source = (sourceData as RangeProxy).path;
    this.ctx.queue({ op: "call", path: this.path, name: "add", args: [type, source, seriesBy] }, () => {
      const s = this.sheet();
      created = { name: `Chart ${s.charts.length + 1}`, type, source, title: "", position: "" };
      s.charts.push(created);
    });
    return new ChartProxy(this.ctx, `${this.path}.add()`, () => created, this.sheet);
  }
}

class ChartProxy extends ProxyBase<ChartModel> implements XlChart {
  private readonly sheetOf: () => FakeSheet;
  constructor(ctx: FakeContext, path: string, private readonly find: () => ChartModel | null, sheet: FakeSheet | (() => FakeSheet)) {
    super(ctx, path);
    this.sheetOf = typeof sheet === "function" ? sheet : () => sheet;
  }
  protected target() { return this.find(); }
  protected read(c: ChartModel, name: string): unknown {
    if (name === "name") return c.name;
    throw new FakeExcelError("InvalidArgument", `chart.${name}`);
  }
  protected override write(c: ChartModel, name: string, value: unknown): void {
    if (name === "name") c.name = String(value);
    else super.write(c, name, value);
  }
  get name(): string { return this.get_("name"); }
  set name(v: string) { this.set_("name", v); }
  get title(): { text: string } {
    const self = this;
    return {
      get text(): string { throw new FakeExcelError("PropertyNotLoaded", `${self.path}.title.text`); },
      set text(v: string) { self.ctx.queue({ op: "set", path: `${self.path}.title`, name: "text", value: v }, () => { self.resolve().title = v; }); },
    };
  }
  load(names?: string | string[]): XlChart { this.doLoad(names); return this; }
  delete(): void { this.call("delete", [], (c) => { const s = this.sheetOf(); s.charts.splice(s.charts.indexOf(c), 1); }); }
  setPosition(startCell: string, endCell?: string): void {
    this.call("setPosition", [startCell, endCell], (c) => { c.position = `${startCell}:${endCell ?? ""}`; });
  }
  get series(): { getItemAt(index: number): XlChartSeries } {
    const chart = this;
    return {
      getItemAt(index: number): XlChartSeries {
        const path = `${chart.path}.series.getItemAt(${index})`;
        // A chart made from one column of values has one series.
        const check = (c: ChartModel) => { if (index !== 0 || c.source.includes(",")) throw new FakeExcelError("ItemNotFound", path); };
        return {
          get name(): string { throw new FakeExcelError("PropertyNotLoaded", `${path}.name`); },
          set name(v: string) { chart.ctx.queue({ op: "set", path, name: "name", value: v }, () => { const c = chart.resolve(); check(c); c.seriesName = v; }); },
          setXAxisValues(sourceData: XlRange) {
            chart.ctx.host.requireApi("1.7", "chartSeries.setXAxisValues");
            const src = (sourceData as RangeProxy).path;
            chart.ctx.queue({ op: "call", path, name: "setXAxisValues", args: [src] }, () => { const c = chart.resolve(); check(c); c.xValues = src; });
          },
        };
      },
    };
  }
}

/** Column letters helper re-exported for tests that build addresses. */
export { columnLetters, emptyCell };
