import type {
  OfficeHost, XlCellFill, XlChart, XlChartCollection, XlChartSeries, XlComment, XlCommentCollection, XlContext, XlNote, XlNoteCollection,
  XlChangedEvent, XlColumnProperties, XlPageLayout, XlRange, XlRowHiddenEvent, XlRowProperties, XlRangeAreas, XlRangeFill, XlRangeFont, XlRangeFormat, XlResult, XlRun, XlTable, XlTableCollection, XlWorksheet,
  XlWorksheetCollection, XlWorksheetProtection, XlWorkbookProtection,
} from "../../../addin/src/excel/surface.ts";
import { a1, columnLetters, parseA1 } from "../../../shared/parse/text.ts";
import { EXCEL_API_SETS } from "./api-sets.ts";
import { coerce } from "./coerce.ts";
import { emptyCell, FakeSheet, FakeWorkbook, MAX_COLS, MAX_ROWS, type Box, type FakeCell } from "./model.ts";
import { sameSheetName, sheetNameProblem } from "./names.ts";

/**
 * A fake Excel host: the Office.js surface of addin/src/excel/surface.ts over a FakeWorkbook,
 * as strict as Excel where the add-in can meet the difference.
 * - Batching: nothing happens until `context.sync()`; reading a property that was not loaded
 *   throws PropertyNotLoaded; a failing action stops the batch and nothing before it is undone.
 * - Requirement sets: every member checks the set @types/office-js declares for it
 *   (api-sets.ts, generated) against the host's ExcelApi version, reading and writing apart.
 * - Lifetime: an object used after its Excel.run has finished throws InvalidObjectPath.
 * - Requests are counted in bytes as office.js serialises them (Actions and ObjectPaths with an
 *   Instantiate action per object path, PascalCase names), responses as `{Results:[…]}`.
 * - Modes: "web" refuses a request or a response over 5 MB (RequestPayloadSizeLimitExceeded, or
 *   every other time GeneralException, as Excel on the web sometimes answers); "desktop" has no
 *   byte limit but refuses to read more than 5 million cells (RangeExceedsLimit, or every other
 *   time answers `values` null).
 * - Sheets: Excel's name rules (case-insensitive uniqueness, 31 characters, no [ ] : * ? / \,
 *   no apostrophe at the ends, not "History"); a very hidden sheet cannot be deleted; writes to a
 *   protected sheet are refused (AccessDenied); a cell holds a comment or a note, not both.
 * - Values are entered as typed: "3/5" in a General cell becomes a date (see coerce.ts).
 * - Fills read back as Excel reports them: no fill is pattern null with colour "#FFFFFF";
 *   gradients read as "LinearGradient"/"RectangularGradient" and cannot be written.
 */
export const WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;
export const DESKTOP_CELL_LIMIT = 5_000_000;
/** Office's limit on a document's custom settings. */
export const SETTINGS_LIMIT = 2 * 1024 * 1024;
/** Longest address string Excel accepts for getRanges. */
export const MAX_AREAS_ADDRESS = 8192;

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
  /** Which Excel's limits apply: the web's 5 MB payloads (default) or the desktop's 5 M cells. */
  mode?: "web" | "desktop";
  /**
   * Office's dialog API (DialogApi 1.1), when given: the pane's origin (dialogs must open on it)
   * and what the page in the dialog does — post a message, or be closed by the person.
   */
  dialog?: { origin: string; page: (url: string) => { message: string } | { closed: number } };
  /** Requirement sets besides ExcelApi the host claims ("NestedAppAuth 1.1", "DialogApi 1.1"). */
  sets?: string[];
  /**
   * Whether Excel.run honours `delayForCellEdit` (default true). An older runtime ignores an
   * option it does not know: its batches fail in cell-edit mode even when asked to wait.
   */
  delayForCellEdit?: boolean;
}

/** Excel.run's options that the fake honours. */
export interface FakeRunOptions { delayForCellEdit?: boolean }

function versionAtLeast(have: string, want: string): boolean {
  const [ha = 0, hb = 0] = have.split(".").map(Number);
  const [wa = 0, wb = 0] = want.split(".").map(Number);
  return ha > wa || (ha === wa && hb >= wb);
}

const byteLength = (s: string) => new TextEncoder().encode(s).length;
const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** office.js' ObjectPathInfo: 1 root, 3 method, 4 property, 5 indexer. */
interface PathInfo { Id: number; ObjectPathType: number; Name: string; ParentObjectPathId?: number; ArgumentInfo?: { Arguments?: unknown[] } }
interface PathNode { info: PathInfo; parent: PathNode | null }
/** office.js' ActionInfo: 1 Instantiate, 2 Query, 3 Method, 4 SetProperty. */
interface ActionInfo { Id: number; ActionType: number; Name: string; ObjectPathId: number; ArgumentInfo?: { Arguments?: unknown[] }; QueryInfo?: unknown }
interface Action { info: ActionInfo; run: () => unknown }

export class FakeExcelHost {
  readonly syncs: SyncRecord[] = [];
  readonly excelApi: string;
  readonly mode: "web" | "desktop";
  readonly office: OfficeHost;
  private listeners = new Set<() => void>();
  /** Limit failures so far: Excel's answer to an oversized batch alternates between two codes. */
  private limitHits = 0;

  constructor(public workbook: FakeWorkbook, opts: FakeHostOptions = {}) {
    this.excelApi = opts.excelApi ?? "1.18";
    this.mode = opts.mode ?? "web";
    const host = this;
    this.office = {
      isSetSupported: (name, version) => (name === "ExcelApi" && versionAtLeast(host.excelApi, version))
        || (opts.sets ?? []).some((x) => { const [n, v = "1.1"] = x.split(" "); return n === name && versionAtLeast(v, version); }),
      displayLanguage: opts.displayLanguage ?? "vi-VN",
      documentUrl: workbook.name,
      ...(opts.dialog ? { dialog: fakeDialog(opts.dialog) } : {}),
      settings: {
        get: (name) => host.pendingSettings[name] ?? null,
        set: (name, value) => { host.pendingSettings[name] = structuredClone(value); },
        remove: (name) => { delete host.pendingSettings[name]; },
        saveAsync: (cb) => {
          // Office refuses to save settings over 2 MB (as JSON) or in a read-only document; what was set stays set in memory.
          const size = byteLength(JSON.stringify(host.pendingSettings));
          const refusal = host.workbook.readOnly ? "The document is read-only." : size > SETTINGS_LIMIT ? `The settings are ${size} bytes; a document keeps at most ${SETTINGS_LIMIT}.` : null;
          if (!refusal) host.workbook.settings = structuredClone(host.pendingSettings);
          queueMicrotask(() => cb?.(refusal ? { status: "failed", error: { message: refusal } } : { status: "succeeded" }));
        },
      },
    };
    this.pendingSettings = structuredClone(workbook.settings);
    this.honoursDelay = opts.delayForCellEdit ?? true;
  }
  private pendingSettings: Record<string, unknown>;

  /** Excel.run: a fresh context per batch function; its objects die with it. */
  readonly run: XlRun = (batch) => this.runWith({}, batch);

  /** Excel.run(options, batch): with `delayForCellEdit`, a sync waits while the clerk edits a cell. */
  readonly runWith = async <T>(options: FakeRunOptions, batch: (context: XlContext) => Promise<T>): Promise<T> => {
    const ctx = new FakeContext(this, options.delayForCellEdit === true && this.honoursDelay);
    try {
      return await batch(ctx);
    } finally {
      ctx.closed = true;
    }
  };

  private readonly honoursDelay: boolean;
  /** Set while the clerk is in cell-edit mode: resolved when they leave it. */
  private editing: { left: Promise<void>; leave: () => void } | null = null;
  /** Failures Excel answered with InvalidOperationInCellEditMode, for tests. */
  cellEditRefusals = 0;

  /** The clerk starts typing in a cell (double-click, F2, or a key on a selected cell). */
  beginCellEdit(): void {
    if (this.editing) return;
    let leave = () => {};
    const left = new Promise<void>((ok) => { leave = ok; });
    this.editing = { left, leave };
  }
  /** The clerk presses Enter or Esc: Excel runs the batches that were told to wait. */
  endCellEdit(): void {
    const e = this.editing;
    this.editing = null;
    e?.leave();
  }
  get inCellEdit(): boolean { return this.editing !== null; }
  /**
   * Excel's answer to a request made while a cell is being edited: refused
   * (InvalidOperationInCellEditMode), or, for a batch run with `delayForCellEdit`, held until
   * the clerk leaves the cell.
   */
  async cellEditGate(delay: boolean): Promise<void> {
    while (this.editing) {
      if (!delay) { this.cellEditRefusals++; throw new FakeExcelError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode"); }
      await this.editing.left;
    }
  }

  supports(version: string): boolean { return versionAtLeast(this.excelApi, version); }
  requireApi(version: string, what: string): void {
    if (!this.supports(version)) throw new FakeExcelError("ApiNotFound", `${what} needs ExcelApi ${version}; this host has ${this.excelApi}`);
  }
  /** The requirement set of `kind.member` from the table derived from @types/office-js. */
  requireMember(kind: string, member: string, write = false): void {
    const entry = EXCEL_API_SETS[kind]?.[member];
    if (!entry) {
      if (member === "items") return; // collections' items carry no remark of their own
      throw new FakeExcelError("ApiNotFound", `${kind}.${member} is not in the Excel API`);
    }
    this.requireApi(write && entry.set ? entry.set : entry.get, `${kind}.${member}${write ? " (set)" : ""}`);
  }
  /** The code for a limit failure: the clean one, or every other time GeneralException. */
  limitError(clean: string, message: string): FakeExcelError {
    return new FakeExcelError(this.limitHits++ % 2 === 0 ? clean : "GeneralException", message);
  }
  /** Desktop reads of too many cells: every other time an error, else null values. */
  cellLimit(): "error" | "null" { return this.limitHits++ % 2 === 0 ? "error" : "null"; }
  onChange(fn: () => void): () => void { this.listeners.add(fn); return () => this.listeners.delete(fn); }
  /** onChanged handlers the add-in registered (at a sync), per sheet. */
  readonly changeHandlers = new Map<FakeSheet, ((e: XlChangedEvent) => Promise<unknown>)[]>();
  /**
   * What Excel does after the clerk's own edit (typing, paste, row deletion): each handler of the
   * sheet gets the changed address, asynchronously, as Excel raises events after the edit.
   */
  userEdited(sheet: FakeSheet, address: string, changeType = "RangeEdited"): void {
    for (const h of this.changeHandlers.get(sheet) ?? []) {
      queueMicrotask(() => { void h({ address, changeType, source: "Local", worksheetId: sheet.id }).catch(() => undefined); });
    }
  }
  /** onRowHiddenChanged handlers the add-in registered (ExcelApi 1.11), per sheet. */
  readonly rowHiddenHandlers = new Map<FakeSheet, ((e: XlRowHiddenEvent) => Promise<unknown>)[]>();
  /**
   * The clerk hides or shows rows (0-based, consecutive): as in Excel, no change event, only the
   * row-hidden one (ExcelApi 1.11), with the rows' address.
   */
  userSetRowsHidden(sheet: FakeSheet, from: number, to: number, hidden: boolean): void {
    for (let r = from; r <= to; r++) { if (hidden) sheet.hiddenRows.add(r); else sheet.hiddenRows.delete(r); }
    for (const h of this.rowHiddenHandlers.get(sheet) ?? []) {
      queueMicrotask(() => { void h({ address: `${from + 1}:${to + 1}`, changeType: hidden ? "Hidden" : "Unhidden", source: "Local", worksheetId: sheet.id }).catch(() => undefined); });
    }
  }
  changed(): void { for (const fn of this.listeners) fn(); }
  resetCounters(): void { this.syncs.length = 0; }
  get syncCount(): number { return this.syncs.length; }
  get maxRequestBytes(): number { return Math.max(0, ...this.syncs.map((s) => s.requestBytes)); }
  get maxResponseBytes(): number { return Math.max(0, ...this.syncs.map((s) => s.responseBytes)); }
}

/**
 * Office's dialog as strict as Office: the URL must be https on the pane's own origin (12004
 * otherwise), one dialog at a time (12007), events arrive asynchronously after the open callback.
 */
function fakeDialog(d: NonNullable<FakeHostOptions["dialog"]>): NonNullable<OfficeHost["dialog"]> {
  let open = false;
  return {
    open: async (url, onMessage, onClosed) => {
      const u = new URL(url);
      if (u.protocol !== "https:" || u.origin !== d.origin) throw new Error("12004: the dialog's address is not on the add-in's domain");
      if (open) throw new Error("12007: a dialog is already open");
      open = true;
      const outcome = d.page(url);
      setTimeout(() => {
        if (!open) return;
        if ("message" in outcome) onMessage(outcome.message);
        else { open = false; onClosed(outcome.closed); }
      }, 0);
      return { close: () => { open = false; } };
    },
  };
}

class FakeContext implements XlContext {
  closed = false;
  private nextId = 1;
  private actions: Action[] = [];
  private paths = new Map<number, PathInfo>();
  private instantiated = new Set<number>();
  readonly root: PathNode;
  readonly workbook: { worksheets: XlWorksheetCollection; getSelectedRange(): XlRange; readonly protection: XlWorkbookProtection };
  constructor(readonly host: FakeExcelHost, private readonly delayForCellEdit = false) {
    this.root = { info: { Id: this.id(), ObjectPathType: 1, Name: "" }, parent: null };
    const wb: PathNode = { info: { Id: this.id(), ObjectPathType: 4, Name: "Workbook", ParentObjectPathId: this.root.info.Id }, parent: this.root };
    const ctx = this;
    this.workbook = {
      worksheets: new WorksheetCollectionProxy(this, this.child(wb, 4, "Worksheets")),
      getSelectedRange: () => new WorkbookProxy(this, wb).getSelectedRange(),
      get protection() { return new WorkbookProxy(ctx, wb).protection; },
    };
  }
  get wb(): FakeWorkbook { return this.host.workbook; }
  id(): number { return this.nextId++; }
  child(parent: PathNode, type: number, name: string, args?: unknown[]): PathNode {
    const info: PathInfo = { Id: this.id(), ObjectPathType: type, Name: name, ParentObjectPathId: parent.info.Id };
    if (args) info.ArgumentInfo = { Arguments: args };
    return { info, parent };
  }
  alive(what: string): void {
    if (this.closed) throw new FakeExcelError("InvalidObjectPath", `${what} was used after its Excel.run ended`);
  }
  private instantiate(node: PathNode | null): void {
    if (!node || this.instantiated.has(node.info.Id)) return;
    this.instantiate(node.parent);
    this.instantiated.add(node.info.Id);
    this.paths.set(node.info.Id, node.info);
    this.actions.push({ info: { Id: this.id(), ActionType: 1, Name: "", ObjectPathId: node.info.Id }, run: () => undefined });
  }
  queue(node: PathNode, type: number, name: string, extra: Pick<ActionInfo, "ArgumentInfo" | "QueryInfo">, run: () => unknown): void {
    this.alive(name || "an object");
    this.instantiate(node);
    this.actions.push({ info: { Id: this.id(), ActionType: type, Name: name, ObjectPathId: node.info.Id, ...extra }, run });
  }

  async sync(): Promise<void> {
    this.alive("context.sync");
    await this.host.cellEditGate(this.delayForCellEdit);
    const actions = this.actions;
    const body = { AutoKeepReference: false, Actions: actions.map((a) => a.info), ObjectPaths: Object.fromEntries(this.paths) };
    this.actions = [];
    this.paths = new Map();
    this.instantiated = new Set();
    const requestBytes = byteLength(JSON.stringify(body));
    const record: SyncRecord = { requestBytes, responseBytes: 0, actions: actions.length };
    this.host.syncs.push(record);
    const web = this.host.mode === "web";
    if (web && requestBytes > WEB_PAYLOAD_LIMIT) throw this.host.limitError("RequestPayloadSizeLimitExceeded", `${requestBytes} bytes`);
    const results: string[] = [];
    try {
      for (const a of actions) {
        const out = a.run();
        if (out !== undefined) results.push(`{"ActionId":${a.info.Id},"Value":${JSON.stringify(out)}}`);
      }
    } finally {
      record.responseBytes = byteLength(`{"Results":[${results.join(",")}]}`);
      this.host.changed();
    }
    if (web && record.responseBytes > WEB_PAYLOAD_LIMIT) throw this.host.limitError("ResponsePayloadSizeLimitExceeded", `${record.responseBytes} bytes`);
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
  constructor(readonly ctx: FakeContext, readonly kind: string, readonly node: PathNode) {}
  /** A readable path for messages. */
  get path(): string {
    const parts: string[] = [];
    for (let n: PathNode | null = this.node; n && n.info.ObjectPathType !== 1; n = n.parent) {
      const args = n.info.ArgumentInfo?.Arguments;
      parts.unshift(`${n.info.Name}${args ? `(${args.map((a) => JSON.stringify(a)).join(",")})` : ""}`);
    }
    return parts.join(".");
  }
  /** The live object at sync time; null for a null object. */
  protected abstract target(): T | null;
  protected abstract read(t: T, name: string): unknown;
  protected write(_t: T, name: string, _value: unknown): void {
    throw new FakeExcelError("InvalidArgument", `${this.path}.${name} is read-only here`);
  }
  protected nullable = false;
  /** Sheet whose protection refuses this object's writes, if any. */
  protected sheetOf(_t: T): FakeSheet | null { return null; }
  protected guardWrite(t: T, what: string): void {
    const s = this.sheetOf(t);
    if (s?.protected) throw new FakeExcelError("AccessDenied", `${what}: the sheet "${s.name}" is protected`);
  }

  protected resolve(): T {
    const t = this.target();
    if (t === null) throw new FakeExcelError("ItemNotFound", this.path);
    return t;
  }
  protected member(name: string, write = false): void {
    this.ctx.alive(`${this.path}.${name}`);
    this.ctx.host.requireMember(this.kind, name, write);
  }
  protected get_(name: string): never {
    this.member(name);
    if (!this.data.has(name)) throw new FakeExcelError("PropertyNotLoaded", `${this.path}.${name}: call load() and sync() first`);
    return this.data.get(name) as never;
  }
  protected set_(name: string, value: unknown): void {
    this.member(name, true);
    this.ctx.queue(this.node, 4, pascal(name), { ArgumentInfo: { Arguments: [value] } }, () => {
      const t = this.resolve();
      this.guardWrite(t, `${this.path}.${name}`);
      this.write(t, name, value);
    });
  }
  protected call(name: string, args: unknown[], fn: (t: T) => unknown, writes = true): void {
    this.member(name);
    this.ctx.queue(this.node, 3, pascal(name), { ArgumentInfo: { Arguments: args } }, () => {
      const t = this.resolve();
      if (writes) this.guardWrite(t, `${this.path}.${name}`);
      return fn(t);
    });
  }
  /** A child object reached through a property (type 4) or a method (type 3). */
  protected sub(type: number, name: string, args?: unknown[]): PathNode {
    this.member(name);
    return this.ctx.child(this.node, type, pascal(name), args);
  }
  get isNullObject(): boolean {
    this.ctx.alive(`${this.path}.isNullObject`);
    if (!this.data.has("isNullObject")) throw new FakeExcelError("PropertyNotLoaded", `${this.path}.isNullObject`);
    return this.data.get("isNullObject") as never;
  }

  protected doLoad(names?: string | string[]): void {
    const list = loadNames(names);
    for (const n of list) this.member(n.startsWith("items") ? "items" : n.split("/")[0]!);
    this.ctx.queue(this.node, 2, "", { QueryInfo: { Select: list.map((n) => n.split("/").map(pascal).join("/")), Expand: [] } }, () => {
      const t = this.nullable ? this.target() : this.resolve();
      this.data.set("isNullObject", t === null);
      if (t === null) return { isNullObject: true };
      const out: Record<string, unknown> = {};
      for (const n of list) {
        const v = this.read(t, n);
        this.data.set(n, v);
        out[pascal(n)] = v;
      }
      return out;
    });
  }
}

// ── Workbook ───────────────────────────────────────────────────────────────────────────────

/**
 * The workbook's own members. The selection is always on the active sheet (a selection recorded
 * on another sheet means the active one's A1, as Excel shows a sheet just activated); several
 * areas selected make getSelectedRange fail as Excel's does (InvalidSelection).
 */
class WorkbookProxy extends ProxyBase<FakeWorkbook> {
  constructor(ctx: FakeContext, node: PathNode) { super(ctx, "Workbook", node); }
  protected target() { return this.ctx.wb; }
  protected read(_t: FakeWorkbook, name: string): unknown { throw new FakeExcelError("InvalidArgument", `workbook.${name}`); }
  /** ExcelApi 1.7. */
  get protection(): XlWorkbookProtection { return new WorkbookProtectionProxy(this.ctx, this.sub(4, "protection")); }
  getSelectedRange(): XlRange {
    const node = this.sub(3, "getSelectedRange", []);
    return new RangeProxy(this.ctx, node, () => {
      const wb = this.ctx.wb;
      const sheet = wb.sheets[wb.activeSheet];
      if (!sheet) throw new FakeExcelError("ItemNotFound", "no active sheet");
      const sel = wb.selection;
      if (!sel || sel.sheet.toLocaleUpperCase() !== sheet.name.toLocaleUpperCase()) return { sheet, box: { r0: 0, c0: 0, r1: 0, c1: 0 } };
      if (sel.address.includes(",")) throw new FakeExcelError("InvalidSelection", "the selection has several areas");
      return { sheet, box: parseBox(sel.address.replace(/^.*!/, "")) };
    });
  }
}

class WorkbookProtectionProxy extends ProxyBase<FakeWorkbook> implements XlWorkbookProtection {
  constructor(ctx: FakeContext, node: PathNode) { super(ctx, "WorkbookProtection", node); }
  protected target() { return this.ctx.wb; }
  protected read(wb: FakeWorkbook, name: string): unknown {
    if (name === "protected") return wb.structureProtected;
    throw new FakeExcelError("InvalidArgument", `workbook.protection.${name}`);
  }
  get protected(): boolean { return this.get_("protected"); }
  load(names?: string | string[]): XlWorkbookProtection { this.doLoad(names); return this; }
}

/** Excel's refusal of a sheet added, deleted, renamed, hidden or shown in a structure-protected workbook. */
function guardStructure(wb: FakeWorkbook, what: string): void {
  if (wb.structureProtected) throw new FakeExcelError("AccessDenied", `${what}: the workbook's structure is protected`);
}

// ── Worksheets ─────────────────────────────────────────────────────────────────────────────

class WorksheetCollectionProxy extends ProxyBase<FakeWorkbook> implements XlWorksheetCollection {
  constructor(ctx: FakeContext, node: PathNode) { super(ctx, "WorksheetCollection", node); }
  protected target() { return this.ctx.wb; }
  protected read(wb: FakeWorkbook, name: string): unknown {
    if (name.startsWith("items")) {
      const sub = name.includes("/") ? name.slice(name.indexOf("/") + 1) : "name";
      const subs = sub.split(",").map((x) => x.replace(/^items\//, ""));
      const items = wb.sheets.map((s) => new WorksheetProxy(this.ctx, this.ctx.child(this.node, 5, "", [s.id]), () => (wb.sheets.includes(s) ? s : null)));
      items.forEach((p, i) => { for (const n of subs) p.preload(n, wb.sheets[i]!); });
      this.data.set("items", items);
      return wb.sheets.map((s, i) => Object.fromEntries(subs.map((n) => [pascal(n), items[i]!.readSheet(s, n)])));
    }
    throw new FakeExcelError("InvalidArgument", `worksheets.${name}`);
  }
  get items(): XlWorksheet[] { return this.get_("items"); }
  load(names?: string | string[]): XlWorksheetCollection { this.doLoad(names); return this; }
  getItem(key: string): XlWorksheet {
    return new WorksheetProxy(this.ctx, this.sub(3, "getItem", [key]), () => this.ctx.wb.sheet(key) ?? null);
  }
  getItemOrNullObject(key: string): XlWorksheet {
    return new WorksheetProxy(this.ctx, this.sub(3, "getItemOrNullObject", [key]), () => this.ctx.wb.sheet(key) ?? null, true);
  }
  getActiveWorksheet(): XlWorksheet {
    return new WorksheetProxy(this.ctx, this.sub(3, "getActiveWorksheet", []), () => this.ctx.wb.sheets[this.ctx.wb.activeSheet] ?? null);
  }
  add(name?: string): XlWorksheet {
    let created: FakeSheet | null = null;
    const node = this.sub(3, "add", [name]);
    this.ctx.queue(this.node, 3, "Add", { ArgumentInfo: { Arguments: [name] } }, () => {
      const wb = this.ctx.wb;
      guardStructure(wb, "worksheets.add");
      let n = name;
      if (n === undefined || n === "") {
        for (let k = 1; !n || wb.sheet(n); k++) n = `Sheet${wb.sheets.length + k}`;
      } else {
        const problem = sheetNameProblem(n);
        if (problem) throw new FakeExcelError("InvalidArgument", `${JSON.stringify(n)}: ${problem}`);
        if (wb.sheet(n)) throw new FakeExcelError("ItemAlreadyExists", `a sheet named ${JSON.stringify(wb.sheet(n)!.name)} exists`);
      }
      created = wb.add(n);
    });
    return new WorksheetProxy(this.ctx, node, () => created);
  }
}

class WorksheetProxy extends ProxyBase<FakeSheet> implements XlWorksheet {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => FakeSheet | null, nullable = false) {
    super(ctx, "Worksheet", node);
    this.nullable = nullable;
  }
  protected target() { return this.find(); }
  resolveSheet(): FakeSheet { return this.resolve(); }
  readSheet(s: FakeSheet, name: string): unknown { return this.read(s, name); }
  preload(name: string, s: FakeSheet): void { this.data.set(name, this.read(s, name)); this.data.set("isNullObject", false); }
  protected read(s: FakeSheet, name: string): unknown {
    switch (name) {
      case "name": return s.name;
      case "visibility": return s.visibility;
      case "position": return this.ctx.wb.sheets.indexOf(s);
      case "id": return s.id;
      default: throw new FakeExcelError("InvalidArgument", `worksheet.${name}`);
    }
  }
  protected override write(s: FakeSheet, name: string, value: unknown): void {
    if (name === "name" || name === "visibility") guardStructure(this.ctx.wb, `worksheet.${name}`);
    if (name === "name") {
      const n = String(value);
      const problem = sheetNameProblem(n);
      if (problem) throw new FakeExcelError("InvalidArgument", `${JSON.stringify(n)}: ${problem}`);
      const other = this.ctx.wb.sheet(n);
      if (other && other !== s) throw new FakeExcelError("ItemAlreadyExists", `a sheet named ${JSON.stringify(other.name)} exists`);
      s.name = n;
    } else if (name === "visibility") {
      const v = String(value);
      if (!["Visible", "Hidden", "VeryHidden"].includes(v)) throw new FakeExcelError("InvalidArgument", `visibility ${v}`);
      const visible = this.ctx.wb.sheets.filter((x) => x.visibility === "Visible");
      if (v !== "Visible" && s.visibility === "Visible" && visible.length <= 1) throw new FakeExcelError("InvalidOperation", "a workbook keeps at least one visible sheet");
      s.visibility = v;
    } else super.write(s, name, value);
  }
  // Renaming, hiding and deleting a sheet are not cell edits: sheet protection allows them.
  get name(): string { return this.get_("name"); }
  set name(v: string) { this.set_("name", v); }
  get visibility(): string { return this.get_("visibility"); }
  set visibility(v: string) { this.set_("visibility", v); }
  get id(): string { return this.get_("id"); }
  load(names?: string | string[]): XlWorksheet { this.doLoad(names); return this; }

  getRange(address?: string): XlRange {
    const node = this.sub(3, "getRange", address === undefined ? [] : [address]);
    const box = address ? parseBox(address) : { r0: 0, c0: 0, r1: MAX_ROWS - 1, c1: MAX_COLS - 1 };
    return new RangeProxy(this.ctx, node, () => ({ sheet: this.resolve(), box }));
  }
  getRanges(address?: string): XlRangeAreas {
    const node = this.sub(3, "getRanges", address === undefined ? [] : [address]);
    const text = address ?? "";
    if (text.length > MAX_AREAS_ADDRESS) throw new FakeExcelError("InvalidArgument", `getRanges: an address of ${text.length} characters (Excel takes ${MAX_AREAS_ADDRESS})`);
    const boxes = text.split(",").map((a) => a.trim()).filter(Boolean).map(parseBox);
    if (!boxes.length) throw new FakeExcelError("InvalidArgument", "getRanges: no address");
    return new RangeAreasProxy(this.ctx, node, () => ({ sheet: this.resolve(), boxes }));
  }
  getUsedRange(valuesOnly?: boolean): XlRange {
    const node = this.sub(3, "getUsedRange", valuesOnly === undefined ? [] : [valuesOnly]);
    // The valuesOnly argument arrived with ExcelApi 1.2.
    if (valuesOnly !== undefined) this.ctx.host.requireApi("1.2", "getUsedRange(valuesOnly)");
    return new RangeProxy(this.ctx, node, () => {
      const s = this.resolve();
      // Excel answers A1 for an empty sheet.
      return { sheet: s, box: s.usedBox(!!valuesOnly) ?? { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): XlRange & { readonly isNullObject: boolean } {
    const node = this.sub(3, "getUsedRangeOrNullObject", valuesOnly === undefined ? [] : [valuesOnly]);
    return new RangeProxy(this.ctx, node, () => {
      const s = this.target();
      const box = s?.usedBox(!!valuesOnly);
      return s && box ? { sheet: s, box } : null;
    }, true);
  }
  delete(): void {
    this.call("delete", [], (s) => {
      const wb = this.ctx.wb;
      guardStructure(wb, "worksheet.delete");
      if (s.visibility === "VeryHidden") throw new FakeExcelError("InvalidOperation", `"${s.name}" is very hidden: make it visible or hidden before deleting it`);
      if (wb.sheets.filter((x) => x.visibility === "Visible").length <= 1 && s.visibility === "Visible") {
        throw new FakeExcelError("InvalidOperation", "a workbook keeps at least one visible sheet");
      }
      const active = wb.sheets[wb.activeSheet];
      wb.sheets.splice(wb.sheets.indexOf(s), 1);
      wb.activeSheet = Math.max(0, active && active !== s ? wb.sheets.indexOf(active) : wb.sheets.findIndex((x) => x.visibility === "Visible"));
    }, false);
  }
  activate(): void {
    this.call("activate", [], (s) => {
      if (s.visibility !== "Visible") throw new FakeExcelError("InvalidOperation", `"${s.name}" is hidden`);
      this.ctx.wb.activeSheet = this.ctx.wb.sheets.indexOf(s);
    }, false);
  }
  get notes(): XlNoteCollection {
    return new NoteCollectionProxy(this.ctx, this.sub(4, "notes"), () => this.resolve());
  }
  get comments(): XlCommentCollection {
    return new CommentCollectionProxy(this.ctx, this.sub(4, "comments"), () => this.resolve());
  }
  get protection(): XlWorksheetProtection {
    return new ProtectionProxy(this.ctx, this.sub(4, "protection"), () => this.resolve());
  }
  get tables(): XlTableCollection { return new TableCollectionProxy(this.ctx, this.sub(4, "tables"), () => this.resolve()); }
  get charts(): XlChartCollection { return new ChartCollectionProxy(this.ctx, this.sub(4, "charts"), () => this.resolve()); }
  get freezePanes(): { freezeRows(count?: number): void } {
    const p = new FreezePanesProxy(this.ctx, this.sub(4, "freezePanes"), () => this.resolve());
    return { freezeRows: (count = 1) => p.freezeRows(count) };
  }
  get onChanged(): { add(handler: (event: XlChangedEvent) => Promise<unknown>): unknown } {
    this.member("onChanged");
    const proxy = this;
    return {
      add: (handler) => {
        // office.js registers the handler with a RegisterEventHandler call at the next sync.
        proxy.ctx.queue(proxy.ctx.child(proxy.node, 4, "OnChanged"), 3, "Add", { ArgumentInfo: { Arguments: [] } }, () => {
          const sheet = proxy.resolveSheet();
          const list = proxy.ctx.host.changeHandlers.get(sheet) ?? [];
          list.push(handler);
          proxy.ctx.host.changeHandlers.set(sheet, list);
        });
        return { remove: () => undefined };
      },
    };
  }
  get onRowHiddenChanged(): { add(handler: (event: XlRowHiddenEvent) => Promise<unknown>): unknown } {
    this.member("onRowHiddenChanged");
    const proxy = this;
    return {
      add: (handler) => {
        proxy.ctx.queue(proxy.ctx.child(proxy.node, 4, "OnRowHiddenChanged"), 3, "Add", { ArgumentInfo: { Arguments: [] } }, () => {
          const sheet = proxy.resolveSheet();
          const list = proxy.ctx.host.rowHiddenHandlers.get(sheet) ?? [];
          list.push(handler);
          proxy.ctx.host.rowHiddenHandlers.set(sheet, list);
        });
        return { remove: () => undefined };
      },
    };
  }
  get pageLayout(): XlPageLayout {
    return new PageLayoutProxy(this.ctx, this.sub(4, "pageLayout"), () => this.resolve());
  }
}

const ORIENTATIONS = ["Portrait", "Landscape"];
const PAPERS = ["A3", "A4", "A5", "B4", "B5", "Letter", "Legal", "Tabloid", "Executive"];

/** Page layout as strict as Excel: known enum values only, fit-to-pages as whole numbers, title rows as a row range. */
class PageLayoutProxy extends ProxyBase<FakeSheet> implements XlPageLayout {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => FakeSheet) { super(ctx, "PageLayout", node); }
  protected target() { return this.find(); }
  protected override sheetOf(s: FakeSheet) { return s; }
  protected read(s: FakeSheet, name: string): unknown {
    if (name === "orientation") return s.pageLayout.orientation;
    if (name === "paperSize") return s.pageLayout.paperSize;
    if (name === "zoom") return s.pageLayout.zoom;
    throw new FakeExcelError("InvalidArgument", `pageLayout.${name}`);
  }
  protected override write(s: FakeSheet, name: string, value: unknown): void {
    if (name === "orientation") {
      if (!ORIENTATIONS.includes(String(value))) throw new FakeExcelError("InvalidArgument", `orientation ${String(value)}`);
      s.pageLayout.orientation = String(value);
    } else if (name === "paperSize") {
      if (!PAPERS.includes(String(value))) throw new FakeExcelError("InvalidArgument", `paperSize ${String(value)}`);
      s.pageLayout.paperSize = String(value);
    } else if (name === "zoom") {
      const v = (value ?? {}) as XlPageLayout["zoom"];
      const keys = Object.keys(v);
      const whole = (x: unknown) => x === undefined || (Number.isInteger(x) && (x as number) >= 0);
      if (keys.some((k) => !["horizontalFitToPages", "verticalFitToPages", "scale"].includes(k)) || !whole(v.horizontalFitToPages) || !whole(v.verticalFitToPages)) throw new FakeExcelError("InvalidArgument", `zoom ${JSON.stringify(v)}`);
      if (v.scale !== undefined && (v.horizontalFitToPages !== undefined || v.verticalFitToPages !== undefined)) throw new FakeExcelError("InvalidArgument", "zoom takes a scale or pages to fit, not both");
      s.pageLayout.zoom = { ...v };
    } else super.write(s, name, value);
  }
  get orientation(): string { return this.get_("orientation"); }
  set orientation(v: string) { this.set_("orientation", v); }
  get paperSize(): string { return this.get_("paperSize"); }
  set paperSize(v: string) { this.set_("paperSize", v); }
  get zoom(): XlPageLayout["zoom"] { return this.get_("zoom"); }
  set zoom(v: XlPageLayout["zoom"]) { this.set_("zoom", v); }
  setPrintTitleRows(rows: string): void {
    this.call("setPrintTitleRows", [rows], (s) => {
      const m = /^\$?(\d+):\$?(\d+)$/.exec(rows);
      if (!m || Number(m[1]) < 1 || Number(m[2]) < Number(m[1])) throw new FakeExcelError("InvalidArgument", `print title rows ${rows}`);
      s.pageLayout.printTitleRows = `$${m[1]}:$${m[2]}`;
    });
  }
}

class ProtectionProxy extends ProxyBase<FakeSheet> implements XlWorksheetProtection {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => FakeSheet) { super(ctx, "WorksheetProtection", node); }
  protected target() { return this.find(); }
  protected read(s: FakeSheet, name: string): unknown {
    if (name === "protected") return s.protected;
    throw new FakeExcelError("InvalidArgument", `protection.${name}`);
  }
  get protected(): boolean { return this.get_("protected"); }
  load(names?: string | string[]): XlWorksheetProtection { this.doLoad(names); return this; }
  protect(): void { this.call("protect", [], (s) => { if (s.protected) throw new FakeExcelError("AccessDenied", "already protected"); s.protected = true; }, false); }
  unprotect(): void { this.call("unprotect", [], (s) => { if (!s.protected) throw new FakeExcelError("AccessDenied", "not protected"); s.protected = false; }, false); }
}

class FreezePanesProxy extends ProxyBase<FakeSheet> {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => FakeSheet) { super(ctx, "WorksheetFreezePanes", node); }
  protected target() { return this.find(); }
  protected read(): unknown { throw new FakeExcelError("InvalidArgument", "freezePanes has no properties"); }
  protected override sheetOf(s: FakeSheet) { return s; }
  freezeRows(count: number): void { this.call("freezeRows", [count], (s) => { s.frozenRows = count; }); }
}

// ── Ranges ─────────────────────────────────────────────────────────────────────────────────

interface RangeTarget { sheet: FakeSheet; box: Box }

export function parseBox(address: string): Box {
  const a = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [from, to = from, extra] = a.replace(/\$/g, "").toUpperCase().split(":") as [string, string?, string?];
  if (extra !== undefined) throw new FakeExcelError("InvalidArgument", `address ${address}`);
  const col = /^[A-Z]{1,3}$/, row = /^\d{1,7}$/;
  if (col.test(from) && col.test(to!)) {
    const c0 = parseA1(`${from}1`)!.col, c1 = parseA1(`${to}1`)!.col;
    if (c0 >= MAX_COLS || c1 >= MAX_COLS) throw new FakeExcelError("InvalidArgument", `address ${address}`);
    return { r0: 0, c0: Math.min(c0, c1), r1: MAX_ROWS - 1, c1: Math.max(c0, c1) };
  }
  if (row.test(from) && row.test(to!)) {
    const r0 = Number(from) - 1, r1 = Number(to) - 1;
    if (r0 < 0 || r1 < 0 || r0 >= MAX_ROWS || r1 >= MAX_ROWS) throw new FakeExcelError("InvalidArgument", `address ${address}`);
    return { r0: Math.min(r0, r1), c0: 0, r1: Math.max(r0, r1), c1: MAX_COLS - 1 };
  }
  const p = parseA1(from), q = parseA1(to!);
  if (!p || !q || p.row < 1 || q.row < 1 || p.row > MAX_ROWS || q.row > MAX_ROWS || p.col >= MAX_COLS || q.col >= MAX_COLS) {
    throw new FakeExcelError("InvalidArgument", `address ${address}`);
  }
  return { r0: Math.min(p.row, q.row) - 1, c0: Math.min(p.col, q.col), r1: Math.max(p.row, q.row) - 1, c1: Math.max(p.col, q.col) };
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function boxAddress(b: Box): string {
  const tl = a1(b.c0, b.r0 + 1);
  return b.r0 === b.r1 && b.c0 === b.c1 ? tl : `${tl}:${a1(b.c1, b.r1 + 1)}`;
}

const cellCount = (b: Box) => (b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1);

/** The existing cells inside a range, cheaply for small ranges on big sheets. */
function cellsIn(t: RangeTarget): [number, number, FakeCell][] {
  const { box, sheet } = t;
  if (cellCount(box) <= sheet.cells.size) {
    const out: [number, number, FakeCell][] = [];
    for (let r = box.r0; r <= box.r1; r++) for (let c = box.c0; c <= box.c1; c++) { const cell = sheet.get(r, c); if (cell) out.push([r, c, cell]); }
    return out;
  }
  return [...sheet.entries()].filter(([r, c]) => r >= box.r0 && r <= box.r1 && c >= box.c0 && c <= box.c1);
}

/** A cell-by-cell answer; null where the desktop gives up on a huge range. */
function grid<T>(ctx: FakeContext, t: RangeTarget, f: (c: FakeCell | undefined) => T): T[][] | null {
  const { box } = t;
  if (cellCount(box) > DESKTOP_CELL_LIMIT) {
    if (ctx.host.mode === "web") throw new FakeExcelError("ResponsePayloadSizeLimitExceeded", "range too large to read");
    if (ctx.host.cellLimit() === "error") throw new FakeExcelError("RangeExceedsLimit", `${cellCount(box)} cells`);
    return null;
  }
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
 * What typing `v` into a cell does: a leading apostrophe makes text, "=" a formula, the rest as
 * coerce.ts reads it (numbers, dates). Excel also makes formulas of "+1+1", "-A1", "+cmd|…" and "@SUM(…)" (as =+1+1, =-A1,
 * =SUM(…)); so does this stand-in, and of anything after leading spaces too (stricter than Excel).
 */
function enter(cell: FakeCell, v: unknown): void {
  if (v === null || v === undefined) return; // Office.js leaves cells given null unchanged
  if (typeof v === "number" || typeof v === "boolean") { cell.value = v; cell.formula = null; return; }
  const s = String(v);
  cell.formula = null;
  if (s.startsWith("'")) { cell.value = s.slice(1); return; }
  if (cell.numberFormat !== "@") {
    if (s.startsWith("=") && s.length > 1) { cell.formula = s; cell.value = evaluate(s); return; }
    const lead = /^\s*([+\-@])(.+)$/s.exec(s);
    if (lead && !/^\s*[-+]?\d+(\.\d+)?\s*$/.test(s)) {
      cell.formula = lead[1] === "@" ? `=${lead[2]}` : `=${lead[1]}${lead[2]}`;
      cell.value = evaluate(cell.formula);
      return;
    }
  }
  // Numbers, dates, booleans as Excel reads them (coerce.ts).
  const typed = coerce(s, cell.numberFormat);
  cell.value = typed.value;
  if (typed.numberFormat) cell.numberFormat = typed.numberFormat;
}

/** The few formulas the add-in writes; anything else shows as Excel shows an unknown name. */
function evaluate(formula: string): string {
  const link = /^=HYPERLINK\("((?:[^"]|"")*)"\s*,\s*"((?:[^"]|"")*)"\)$/i.exec(formula);
  if (link) return link[2]!.replace(/""/g, '"');
  return "#NAME?";
}

/** No fill reads back as pattern null and white; a gradient reads as its kind and colour null. */
function fillColor(c: FakeCell | undefined): string | null {
  if (!c?.fill) return "#FFFFFF";
  return c.fill.pattern.endsWith("Gradient") ? null : c.fill.color;
}
const fillPattern = (c: FakeCell | undefined): string | null => c?.fill?.pattern ?? null;

/** Office.js' answer for a span of rows or columns: true if all are hidden, false if none, null if some. */
function allOrNone(from: number, to: number, hidden: Set<number>): boolean | null {
  if (hidden.size === 0) return false;
  let n = 0;
  if (to - from + 1 > hidden.size) { for (const x of hidden) if (x >= from && x <= to) n++; }
  else for (let x = from; x <= to; x++) if (hidden.has(x)) n++;
  return n === 0 ? false : n === to - from + 1 ? true : null;
}

class RangeProxy extends ProxyBase<RangeTarget> implements XlRange {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => RangeTarget | null, nullable = false) {
    super(ctx, "Range", node);
    this.nullable = nullable;
  }
  protected target() { return this.find(); }
  protected override sheetOf(t: RangeTarget) { return t.sheet; }
  protected read(t: RangeTarget, name: string): unknown {
    switch (name) {
      case "address": return `${quoteSheet(t.sheet.name)}!${boxAddress(t.box)}`;
      case "values": return grid(this.ctx, t, (c) => c?.value ?? "");
      case "formulas": return grid(this.ctx, t, (c) => c?.formula ?? c?.value ?? "");
      case "numberFormat": return grid(this.ctx, t, (c) => c?.numberFormat ?? "General");
      case "rowIndex": return t.box.r0;
      case "columnIndex": return t.box.c0;
      case "rowCount": return t.box.r1 - t.box.r0 + 1;
      case "columnCount": return t.box.c1 - t.box.c0 + 1;
      case "rowHidden": return allOrNone(t.box.r0, t.box.r1, t.sheet.hiddenRows);
      case "columnHidden": return allOrNone(t.box.c0, t.box.c1, t.sheet.hiddenColumns);
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
  get rowHidden(): boolean | null { return this.get_("rowHidden"); }
  get columnHidden(): boolean | null { return this.get_("columnHidden"); }
  get rowIndex(): number { return this.get_("rowIndex"); }
  get columnIndex(): number { return this.get_("columnIndex"); }
  get rowCount(): number { return this.get_("rowCount"); }
  get columnCount(): number { return this.get_("columnCount"); }
  load(names?: string | string[]): XlRange & { readonly isNullObject: boolean } { this.doLoad(names); return this; }
  get format(): XlRangeFormat { return new RangeFormatProxy(this.ctx, this.sub(4, "format"), () => [this.resolve()]); }
  select(): void {
    this.call("select", [], (t) => {
      if (t.sheet.visibility !== "Visible") throw new FakeExcelError("InvalidOperation", `"${t.sheet.name}" is hidden`);
      this.ctx.wb.activeSheet = this.ctx.wb.sheets.indexOf(t.sheet);
      this.ctx.wb.selection = { sheet: t.sheet.name, address: boxAddress(t.box) };
    }, false);
  }
  clear(applyTo = "All"): void {
    this.call("clear", [applyTo], (t) => {
      for (const [r, c, cell] of cellsIn(t)) {
        if (applyTo === "All" || applyTo === "Contents") { cell.value = ""; cell.formula = null; }
        if (applyTo === "All" || applyTo === "Formats") { cell.numberFormat = "General"; cell.fill = null; cell.bold = false; cell.fontColor = null; cell.underline = null; }
        t.sheet.tidy(r, c);
      }
    });
  }
  getRowProperties(loadOptions: { rowHidden?: boolean; rowIndex?: boolean }): XlResult<XlRowProperties[]> {
    return this.lineProperties("getRowProperties", loadOptions, ["rowHidden", "rowIndex"], (t) => {
      const out: XlRowProperties[] = [];
      for (let r = t.box.r0; r <= t.box.r1; r++) {
        const p: XlRowProperties = {};
        if (loadOptions.rowHidden) p.rowHidden = t.sheet.hiddenRows.has(r);
        if (loadOptions.rowIndex) p.rowIndex = r;
        out.push(p);
      }
      return out;
    });
  }
  getColumnProperties(loadOptions: { columnHidden?: boolean; columnIndex?: boolean }): XlResult<XlColumnProperties[]> {
    return this.lineProperties("getColumnProperties", loadOptions, ["columnHidden", "columnIndex"], (t) => {
      const out: XlColumnProperties[] = [];
      for (let c = t.box.c0; c <= t.box.c1; c++) {
        const p: XlColumnProperties = {};
        if (loadOptions.columnHidden) p.columnHidden = t.sheet.hiddenColumns.has(c);
        if (loadOptions.columnIndex) p.columnIndex = c;
        out.push(p);
      }
      return out;
    });
  }
  /**
   * getRowProperties / getColumnProperties: a ClientResult filled at the sync. Options this
   * stand-in does not model are refused rather than answered with nothing, and the desktop's cell
   * limit applies to the range as for any other read.
   */
  private lineProperties<P>(name: string, options: Record<string, unknown>, known: string[], fn: (t: RangeTarget) => P[]): XlResult<P[]> {
    const unknown = Object.keys(options ?? {}).filter((k) => !known.includes(k));
    if (unknown.length) throw new FakeExcelError("InvalidArgument", `${name}: ${unknown.join(", ")} not modelled`);
    let value: P[] | null = null;
    this.call(name, [options], (t) => {
      if (cellCount(t.box) > DESKTOP_CELL_LIMIT) {
        if (this.ctx.host.mode === "web") throw new FakeExcelError("ResponsePayloadSizeLimitExceeded", "range too large to read");
        throw new FakeExcelError("RangeExceedsLimit", `${name} over ${cellCount(t.box)} cells`);
      }
      value = fn(t);
      return value;
    }, false);
    const self = this;
    return { get value(): P[] {
      self.ctx.alive(`${self.path}.${name}().value`);
      if (value === null) throw new FakeExcelError("ValueNotLoaded", `${name}: call sync() first`);
      return value;
    } };
  }
  getCellProperties(loadOptions: { format?: { fill?: { color?: boolean; pattern?: boolean } } }): XlResult<XlCellFill[][]> {
    let value: XlCellFill[][] | null = null;
    const want = loadOptions?.format?.fill ?? {};
    this.call("getCellProperties", [loadOptions], (t) => {
      const out = grid(this.ctx, t, (c) => {
        const fill: { color?: string | null; pattern?: string | null } = {};
        if (want.color) fill.color = fillColor(c);
        if (want.pattern) fill.pattern = fillPattern(c);
        return { format: { fill } };
      });
      if (out === null) throw new FakeExcelError("RangeExceedsLimit", "getCellProperties over too many cells");
      value = out;
      return out;
    }, false);
    const self = this;
    return { get value(): XlCellFill[][] {
      self.ctx.alive(`${self.path}.getCellProperties().value`);
      if (value === null) throw new FakeExcelError("ValueNotLoaded", "getCellProperties: call sync() first");
      return value;
    } };
  }
}

interface AreasTarget { sheet: FakeSheet; boxes: Box[] }

class RangeAreasProxy extends ProxyBase<AreasTarget> implements XlRangeAreas {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => AreasTarget) { super(ctx, "RangeAreas", node); }
  protected target() { return this.find(); }
  protected read(): unknown { throw new FakeExcelError("InvalidArgument", "rangeAreas: nothing to load here"); }
  get format(): { readonly fill: XlRangeFill } {
    const node = this.sub(4, "format");
    const targets = () => { const t = this.resolve(); return t.boxes.map((box) => ({ sheet: t.sheet, box })); };
    return new RangeFormatProxy(this.ctx, node, targets, "RangeFormat");
  }
}

class RangeFormatProxy extends ProxyBase<RangeTarget[]> implements XlRangeFormat {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => RangeTarget[], kind = "RangeFormat") { super(ctx, kind, node); }
  protected target() { return this.find(); }
  protected override sheetOf(t: RangeTarget[]) { return t[0]?.sheet ?? null; }
  protected read(t: RangeTarget[], name: string): unknown {
    if (name === "wrapText") return false;
    if (name === "columnWidth") return t[0]!.sheet.columnWidths.get(t[0]!.box.c0) ?? 48;
    throw new FakeExcelError("InvalidArgument", `format.${name}`);
  }
  protected override write(t: RangeTarget[], name: string, value: unknown): void {
    if (name === "wrapText") return;
    if (name === "columnWidth") { for (const x of t) for (let c = x.box.c0; c <= x.box.c1; c++) x.sheet.columnWidths.set(c, Number(value)); return; }
    super.write(t, name, value);
  }
  get fill(): XlRangeFill { return new FillProxy(this.ctx, this.sub(4, "fill"), () => this.resolve()); }
  get font(): XlRangeFont { return new FontProxy(this.ctx, this.sub(4, "font"), () => this.resolve()); }
  get wrapText(): boolean { return this.get_("wrapText"); }
  set wrapText(v: boolean) { this.set_("wrapText", v); }
  get columnWidth(): number { return this.get_("columnWidth"); }
  set columnWidth(v: number) { this.set_("columnWidth", v); }
  autofitColumns(): void { this.call("autofitColumns", [], () => undefined); }
}

/** Excel reports one value for a multi-cell range only when all cells agree, else null. */
function common<T>(targets: RangeTarget[], f: (c: FakeCell | undefined) => T): T | null {
  let first: { v: T } | null = null;
  for (const t of targets) {
    for (let r = t.box.r0; r <= t.box.r1; r++) {
      for (let c = t.box.c0; c <= t.box.c1; c++) {
        const v = f(t.sheet.get(r, c));
        if (!first) first = { v };
        else if (first.v !== v) return null;
      }
    }
  }
  return first ? first.v : null;
}

function eachCell(targets: RangeTarget[], fn: (cell: FakeCell) => void): void {
  for (const t of targets) {
    if (cellCount(t.box) > DESKTOP_CELL_LIMIT) throw new FakeExcelError("RangeExceedsLimit", `${cellCount(t.box)} cells`);
    for (let r = t.box.r0; r <= t.box.r1; r++) for (let c = t.box.c0; c <= t.box.c1; c++) { fn(t.sheet.cell(r, c)); t.sheet.tidy(r, c); }
  }
}

const PATTERNS = new Set(["Solid", "Gray75", "Gray50", "Gray25", "Gray16", "Gray8", "Horizontal", "Vertical", "Down", "Up", "Checker",
  "SemiGray75", "LightHorizontal", "LightVertical", "LightDown", "LightUp", "Grid", "CrissCross"]);

class FillProxy extends ProxyBase<RangeTarget[]> implements XlRangeFill {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => RangeTarget[]) { super(ctx, "RangeFill", node); }
  protected target() { return this.find(); }
  protected override sheetOf(t: RangeTarget[]) { return t[0]?.sheet ?? null; }
  protected read(t: RangeTarget[], name: string): unknown {
    if (name === "color") return common(t, fillColor);
    if (name === "pattern") return common(t, fillPattern);
    throw new FakeExcelError("InvalidArgument", `fill.${name}`);
  }
  protected override write(t: RangeTarget[], name: string, value: unknown): void {
    if (name === "color") {
      const v = String(value);
      if (!/^#[0-9A-Fa-f]{6}$/.test(v)) throw new FakeExcelError("InvalidArgument", `fill.color ${v}`);
      eachCell(t, (cell) => { cell.fill = { color: v.toUpperCase(), pattern: cell.fill && PATTERNS.has(cell.fill.pattern) ? cell.fill.pattern : "Solid" }; });
    } else if (name === "pattern") {
      const v = value === null ? "None" : String(value);
      if (v !== "None" && !PATTERNS.has(v)) throw new FakeExcelError("InvalidArgument", `fill.pattern ${v} cannot be set`);
      eachCell(t, (cell) => { cell.fill = v === "None" ? null : { color: cell.fill && !cell.fill.pattern.endsWith("Gradient") ? cell.fill.color : "#000000", pattern: v }; });
    } else super.write(t, name, value);
  }
  get color(): string { return this.get_("color"); }
  set color(v: string) { this.set_("color", v); }
  get pattern(): string { return this.get_("pattern"); }
  set pattern(v: string) { this.set_("pattern", v); }
  load(names?: string | string[]): XlRangeFill { this.doLoad(names); return this; }
  clear(): void {
    this.call("clear", [], (t) => {
      for (const x of t) for (const [r, c, cell] of cellsIn(x)) { cell.fill = null; x.sheet.tidy(r, c); }
    });
  }
}

class FontProxy extends ProxyBase<RangeTarget[]> implements XlRangeFont {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => RangeTarget[]) { super(ctx, "RangeFont", node); }
  protected target() { return this.find(); }
  protected override sheetOf(t: RangeTarget[]) { return t[0]?.sheet ?? null; }
  protected read(t: RangeTarget[], name: string): unknown {
    if (name === "bold") return common(t, (c) => c?.bold ?? false);
    if (name === "color") return common(t, (c) => c?.fontColor ?? "#000000");
    if (name === "underline") return common(t, (c) => c?.underline ?? "None");
    throw new FakeExcelError("InvalidArgument", `font.${name}`);
  }
  protected override write(t: RangeTarget[], name: string, value: unknown): void {
    if (name !== "bold" && name !== "color" && name !== "underline") super.write(t, name, value);
    eachCell(t, (cell) => {
      if (name === "bold") cell.bold = !!value;
      else if (name === "color") cell.fontColor = String(value);
      else cell.underline = value === "None" ? null : String(value);
    });
  }
  get bold(): boolean { return this.get_("bold"); }
  set bold(v: boolean) { this.set_("bold", v); }
  get color(): string { return this.get_("color"); }
  set color(v: string) { this.set_("color", v); }
  get underline(): string { return this.get_("underline"); }
  set underline(v: string) { this.set_("underline", v); }
}

// ── Notes (ExcelApi 1.18) and comments (1.10) ────────────────────────────────────────────────

interface NoteTarget { sheet: FakeSheet; r: number; c: number }

function singleCell(address: string): { r: number; c: number } {
  const b = parseBox(address);
  if (b.r0 !== b.r1 || b.c0 !== b.c1) throw new FakeExcelError("InvalidCellAddress", address);
  return { r: b.r0, c: b.c0 };
}

class NoteCollectionProxy extends ProxyBase<FakeSheet> implements XlNoteCollection {
  constructor(ctx: FakeContext, node: PathNode, private readonly sheet: () => FakeSheet) { super(ctx, "NoteCollection", node); }
  protected target() { return this.sheet(); }
  protected override sheetOf(s: FakeSheet) { return s; }
  protected read(): unknown { throw new FakeExcelError("InvalidArgument", "notes: load items through getItem"); }
  add(cellAddress: string, content: string): XlNote {
    const { r, c } = singleCell(cellAddress);
    const node = this.sub(3, "add", [cellAddress, content]);
    this.call("add", [cellAddress, content], (s) => {
      const cell = s.get(r, c);
      if (cell?.note != null) throw new FakeExcelError("InvalidArgument", `a note exists at ${cellAddress}`);
      if (cell?.comment != null) throw new FakeExcelError("InvalidOperation", `${cellAddress} holds a comment; a cell cannot have both`);
      s.cell(r, c).note = String(content);
    });
    return new NoteProxy(this.ctx, node, () => ({ sheet: this.sheet(), r, c }), false);
  }
  getItemOrNullObject(key: string): XlNote {
    const { r, c } = singleCell(key);
    return new NoteProxy(this.ctx, this.sub(3, "getItemOrNullObject", [key]), () => {
      const s = this.sheet();
      return s.get(r, c)?.note != null ? { sheet: s, r, c } : null;
    }, true);
  }
}

class NoteProxy extends ProxyBase<NoteTarget> implements XlNote {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => NoteTarget | null, nullable: boolean) {
    super(ctx, "Note", node);
    this.nullable = nullable;
  }
  protected target() { return this.find(); }
  protected override sheetOf(t: NoteTarget) { return t.sheet; }
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

class CommentCollectionProxy extends ProxyBase<FakeSheet> implements XlCommentCollection {
  constructor(ctx: FakeContext, node: PathNode, private readonly sheet: () => FakeSheet) { super(ctx, "CommentCollection", node); }
  protected target() { return this.sheet(); }
  protected read(s: FakeSheet, name: string): unknown {
    if (!name.startsWith("items")) throw new FakeExcelError("InvalidArgument", `comments.${name}`);
    const cells = [...s.entries()].filter(([, , cell]) => cell.comment != null).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const items = cells.map(([r, c], i) => new CommentProxy(this.ctx, this.ctx.child(this.node, 5, "", [`c${i}`]), () => ({ sheet: s, r, c })));
    this.data.set("items", items);
    return cells.map(([, , cell], i) => ({ Id: `c${i}`, Content: cell.comment }));
  }
  get items(): XlComment[] { return this.get_("items"); }
  load(names?: string | string[]): XlCommentCollection { this.doLoad(names); return this; }
}

class CommentProxy extends ProxyBase<NoteTarget> implements XlComment {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => NoteTarget) { super(ctx, "Comment", node); }
  protected target() { return this.find(); }
  protected read(t: NoteTarget, name: string): unknown {
    if (name === "content") return t.sheet.get(t.r, t.c)?.comment ?? "";
    throw new FakeExcelError("InvalidArgument", `comment.${name}`);
  }
  load(names?: string | string[]): XlComment { this.doLoad(names); return this; }
  getLocation(): XlRange {
    const node = this.sub(3, "getLocation", []);
    return new RangeProxy(this.ctx, node, () => { const t = this.resolve(); return { sheet: t.sheet, box: { r0: t.r, c0: t.c, r1: t.r, c1: t.c } }; });
  }
}

// ── Tables and charts ──────────────────────────────────────────────────────────────────────

type TableModel = FakeSheet["tables"][number];
type ChartModel = FakeSheet["charts"][number];

class TableCollectionProxy extends ProxyBase<FakeSheet> implements XlTableCollection {
  constructor(ctx: FakeContext, node: PathNode, private readonly sheet: () => FakeSheet) { super(ctx, "TableCollection", node); }
  protected target() { return this.sheet(); }
  protected override sheetOf(s: FakeSheet) { return s; }
  protected read(s: FakeSheet, name: string): unknown {
    if (!name.startsWith("items")) throw new FakeExcelError("InvalidArgument", `tables.${name}`);
    const items = s.tables.map((t) => new TableProxy(this.ctx, this.ctx.child(this.node, 5, "", [t.name]), () => (s.tables.includes(t) ? t : null), s));
    items.forEach((p) => p.preload());
    this.data.set("items", items);
    return s.tables.map((t) => ({ name: t.name }));
  }
  get items(): XlTable[] { return this.get_("items"); }
  load(names?: string | string[]): XlTableCollection { this.doLoad(names); return this; }
  add(address: string, hasHeaders: boolean): XlTable {
    let created: TableModel | null = null;
    const node = this.sub(3, "add", [address, hasHeaders]);
    this.call("add", [address, hasHeaders], (s) => {
      const all = this.ctx.wb.sheets.flatMap((x) => x.tables);
      created = { name: `Table${all.length + 1}`, address: boxAddress(parseBox(address)), style: "TableStyleMedium2" };
      s.tables.push(created);
    });
    return new TableProxy(this.ctx, node, () => created, this.sheet);
  }
}

class TableProxy extends ProxyBase<TableModel> implements XlTable {
  private readonly sheetFn: () => FakeSheet;
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => TableModel | null, sheet: FakeSheet | (() => FakeSheet)) {
    super(ctx, "Table", node);
    this.sheetFn = typeof sheet === "function" ? sheet : () => sheet;
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
    this.call("delete", [], (t) => { const s = this.sheetFn(); s.tables.splice(s.tables.indexOf(t), 1); });
  }
}

class ChartCollectionProxy extends ProxyBase<FakeSheet> implements XlChartCollection {
  constructor(ctx: FakeContext, node: PathNode, private readonly sheet: () => FakeSheet) { super(ctx, "ChartCollection", node); }
  protected target() { return this.sheet(); }
  protected override sheetOf(s: FakeSheet) { return s; }
  protected read(s: FakeSheet, name: string): unknown {
    if (!name.startsWith("items")) throw new FakeExcelError("InvalidArgument", `charts.${name}`);
    this.data.set("items", s.charts.map((c) => new ChartProxy(this.ctx, this.ctx.child(this.node, 5, "", [c.name]), () => (s.charts.includes(c) ? c : null), s)));
    return s.charts.map((c) => ({ name: c.name }));
  }
  get items(): XlChart[] { return this.get_("items"); }
  load(names?: string | string[]): XlChartCollection { this.doLoad(names); return this; }
  add(type: string, sourceData: XlRange, seriesBy?: string): XlChart {
    let created: ChartModel | null = null;
    const source = (sourceData as RangeProxy).path;
    const node = this.sub(3, "add", [type, source, seriesBy]);
    this.call("add", [type, source, seriesBy], (s) => {
      created = { name: `Chart ${s.charts.length + 1}`, type, source, title: "", position: "" };
      s.charts.push(created);
    });
    return new ChartProxy(this.ctx, node, () => created, this.sheet);
  }
}

class ChartProxy extends ProxyBase<ChartModel> implements XlChart {
  private readonly sheetFn: () => FakeSheet;
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => ChartModel | null, sheet: FakeSheet | (() => FakeSheet)) {
    super(ctx, "Chart", node);
    this.sheetFn = typeof sheet === "function" ? sheet : () => sheet;
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
      set text(v: string) {
        self.ctx.host.requireMember("Chart", "title");
        self.ctx.host.requireMember("ChartTitle", "text", true);
        self.ctx.queue(self.ctx.child(self.node, 4, "Title"), 4, "Text", { ArgumentInfo: { Arguments: [v] } }, () => { self.resolve().title = v; });
      },
    };
  }
  load(names?: string | string[]): XlChart { this.doLoad(names); return this; }
  delete(): void { this.call("delete", [], (c) => { const s = this.sheetFn(); s.charts.splice(s.charts.indexOf(c), 1); }); }
  get series(): { getItemAt(index: number): XlChartSeries } {
    const collection = this.sub(4, "series");
    const chart = this;
    return {
      getItemAt(index: number): XlChartSeries {
        chart.ctx.host.requireMember("ChartSeriesCollection", "getItemAt");
        return new ChartSeriesProxy(chart.ctx, chart.ctx.child({ info: collection.info, parent: collection.parent }, 3, "GetItemAt", [index]), () => {
          const c = chart.resolve();
          // A chart made from one column of values has one series.
          if (index !== 0 || c.source.includes(",")) throw new FakeExcelError("ItemNotFound", `series ${index}`);
          return c;
        });
      },
    };
  }
  setPosition(startCell: string, endCell?: string): void {
    this.call("setPosition", [startCell, endCell], (c) => { c.position = `${startCell}:${endCell ?? ""}`; });
  }
}

/** Column letters helper re-exported for tests that build addresses. */
export { columnLetters, emptyCell };

class ChartSeriesProxy extends ProxyBase<ChartModel> implements XlChartSeries {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => ChartModel) { super(ctx, "ChartSeries", node); }
  protected target() { return this.find(); }
  protected read(c: ChartModel, name: string): unknown {
    if (name === "name") return c.seriesName ?? "";
    throw new FakeExcelError("InvalidArgument", `series.${name}`);
  }
  protected override write(c: ChartModel, name: string, value: unknown): void {
    if (name === "name") c.seriesName = String(value);
    else super.write(c, name, value);
  }
  get name(): string { return this.get_("name"); }
  set name(v: string) { this.set_("name", v); }
  setXAxisValues(sourceData: XlRange): void {
    const src = (sourceData as RangeProxy).path;
    this.call("setXAxisValues", [src], (c) => { c.xValues = src; });
  }
}
