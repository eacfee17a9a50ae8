// The stand-in for Excel: the host (Excel.run, Office settings, cell-edit mode, events) over the proxies in this folder.
import type { OfficeHost, XlChangedEvent, XlContext, XlRowHiddenEvent, XlRun } from "../../../addin/src/excel/surface.ts";
import { EXCEL_API_SETS } from "./api-sets.ts";
import { FakeContext, type BatchHost } from "./context.ts";
import { fakeDialog } from "./dialog.ts";
import { FakeExcelError } from "./errors.ts";
import type { FakeHostOptions, FakeRunOptions } from "./host-options.ts";
import { SETTINGS_LIMIT } from "./limits.ts";
import type { FakeSheet, FakeWorkbook } from "./model.ts";
import { byteLength, type RealRequest, type RequestBuilder, type SyncRecord } from "./request.ts";
import { workbookSurface } from "./workbook.ts";

function versionAtLeast(have: string, want: string): boolean {
  const [ha = 0, hb = 0] = have.split(".").map(Number);
  const [wa = 0, wb = 0] = want.split(".").map(Number);
  return ha > wa || (ha === wa && hb >= wb);
}

/**
 * A fake Excel host: the Office.js surface of addin/src/excel/surface.ts over a FakeWorkbook,
 * as strict as Excel where the add-in can meet the difference.
 * - Batching: nothing happens until `context.sync()`; reading a property that was not loaded
 *   throws PropertyNotLoaded; a failing action stops the batch and nothing before it is undone.
 * - Requirement sets: every member checks the set @types/office-js declares for it
 *   (api-sets.ts, generated) against the host's ExcelApi version, reading and writing apart.
 * - Lifetime: an object used after its Excel.run has finished throws InvalidObjectPath.
 * - Requests are counted in bytes by the real office.js request builder when the host is given
 *   it (office-js-node.ts; see README.md), else by the stand-in's own copy of the format;
 *   responses as `{Results:[…]}`.
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
export class FakeExcelHost implements BatchHost {
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
    this.requestBuilder = opts.requestBuilder ?? null;
  }
  private readonly requestBuilder: RequestBuilder | null;
  readonly mirrorProblems: string[] = [];
  readonly cleanupRequests: RealRequest[] = [];
  private pendingSettings: Record<string, unknown>;

  /** Excel.run: a fresh context per batch function; its objects die with it. */
  readonly run: XlRun = (batch, previous) => this.runWith(previous ? { previousObjects: previous } : {}, batch);

  /** Excel.run(options, batch): with `delayForCellEdit`, a sync waits while the clerk edits a cell. */
  readonly runWith = async <T>(options: FakeRunOptions, batch: (context: XlContext) => Promise<T>): Promise<T> => {
    const previous = options.previousObjects;
    if (previous !== undefined && !(previous instanceof FakeContext && previous.host === this)) {
      throw new FakeExcelError("InvalidArgument", "Excel.run: previousObjects is not a context of this workbook's add-in");
    }
    const delay = options.delayForCellEdit === true && this.honoursDelay;
    let ctx: FakeContext | null = previous ?? null;
    const real = previous ? previous.real : this.requestBuilder?.open(this.excelApi, (r) => ctx?.onRealRequest(r)) ?? null;
    if (ctx) ctx.delayForCellEdit = delay;
    else ctx = new FakeContext(this, delay, workbookSurface, real);
    const body = async () => {
      ctx.closed = false;
      try {
        return await batch(ctx);
      } finally {
        ctx.closed = true;
      }
    };
    return real ? real.run(body) : body();
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
  resetCounters(): void { this.syncs.length = 0; this.cleanupRequests.length = 0; }
  get syncCount(): number { return this.syncs.length; }
  get maxRequestBytes(): number { return Math.max(0, ...this.syncs.map((s) => s.requestBytes), ...this.cleanupRequests.map((r) => r.bytes)); }
  get maxResponseBytes(): number { return Math.max(0, ...this.syncs.map((s) => s.responseBytes)); }
}
