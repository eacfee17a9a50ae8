// The Kiểm tra tab's state and actions: reading the workbook, the core's checks with the clerk's
// mapping and scope, the marks in the sheet, and the re-check after edits (only the edited rows
// read again). It asks the pane only for what ValidationHost names.
import {
  affectedRows, changedRows, marksChanged, mergeIssues, patchGrid, rowsToRead, MAX_PATCH_ROWS, summarize,
  type Issue, type SavedMapping, type SheetGrid, type SheetRead,
} from "../../../../../shared/index.ts";
import { MAX_PROPOSED_UNITS, type RegistryProposal, type SharedMapping } from "../../../../../shared/contract/index.ts";
import { proposableUnits } from "../../../../../shared/registry/proposable.ts";
import type { CheckScope } from "../../../check.ts";
import type { DocSettings, Scope } from "../../../doc-settings.ts";
import { offered, type ExcelAdapter, type SheetInfo, type SheetSnapshot } from "../../../excel/adapter.ts";
import { isCellEditFailure } from "../../../excel/cell-edit.ts";
import type { SessionPort } from "../../shell/ports.ts";
import { findSharedMapping } from "../mappings/shared-mapping.ts";

type Engine = typeof import("../../../check.ts");
let engine: Engine | null = null;
/**
 * The reader and the rules (the core's largest part, with the issue messages) come with the
 * first check, not with the first paint: the pane fetches them once it is drawn (App.start) and
 * every check awaits them before it reads, so nothing waits on them twice.
 */
export async function loadEngine(): Promise<Engine> {
  engine ??= await import("../../../check.ts");
  return engine;
}
function loadedEngine(): Engine {
  if (!engine) throw new Error("the checking engine is read before the first check");
  return engine;
}

/** What validation needs from the pane. */
export interface ValidationHost extends SessionPort {
  scope: Partial<Scope>;
  readonly periodTyped: string | null;
  readonly deps: { readonly office: { readonly documentUrl?: string | undefined } };
  readonly adapter: ExcelAdapter;
  readonly docs: DocSettings;
  explain(e: unknown): string;
  /** A new check: whatever the server accepted before no longer describes these figures. */
  checked(): void;
  /** Null when checked figures can be sent now, else why not (not signed in, the server unreachable). */
  sendBlocker(): Promise<string | null>;
}

export class Validation {
  constructor(private readonly app: ValidationHost) {}

  /** Quiet time after the last edit before checking again; edits in between are one batch. */
  static RECHECK_DELAY_MS = 800;

  sheets: string[] = [];
  sheet = "";
  snapshot: SheetSnapshot | null = null;
  read: SheetRead | null = null;
  issues: Issue[] = [];
  mappingDraft: SavedMapping = {};
  /** The province's mapping for this form, used when the workbook has none of its own. */
  sharedMapping: SharedMapping | null = null;
  /** The period the checked sheet's title names ("tháng 6/2012"), compared with the one typed. */
  sheetPeriod: string | null = null;
  /** The party cells, villages… of this sheet proposed to the province (issue 21), once sent. */
  proposal: { sheet: string; sent: RegistryProposal } | null = null;
  /** Whether the watched sheet carries our marks, so a re-check also refreshes them. */
  annotated = false;

  /** Sheets whose edits are watched (onChanged registered once each). */
  private watched = new Set<string>();
  /** The issues the sheet's marks show: after an edit only cells whose mark changed are written. */
  private markedIssues: Issue[] | null = null;
  private recheckTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * 1-based rows edited since the last check, or null when an edit cannot be said by rows (rows
   * or columns inserted or deleted, a whole column, a sort): then the whole sheet is read again.
   */
  private editedRows: Set<number> | null = new Set();
  /** The grid the current issues were found in (kept when annotating drops the snapshot). */
  private checkedGrid: SheetGrid | null = null;
  /** The workbook's other data sheets as of the last full read: "required indicator missing" looks at them too. */
  private otherReads: SheetRead[] = [];
  /** The sheet list as last seen, so the next read asks for every sheet's size in its first sync. */
  private knownSheets: SheetInfo[] = [];

  /** The sheets offered at start, before any read. */
  async listSheets(): Promise<void> {
    const sheets = await this.app.adapter.listSheets();
    this.knownSheets = sheets;
    this.sheets = sheets.filter(offered).map((s) => s.name);
    this.sheet = this.sheets[0] ?? "";
  }

  /** An edit on a watched sheet: check again once the clerk pauses (a paste raises many events). */
  private edited(sheet: string, address?: string, changeType = "RangeEdited"): void {
    if (sheet.toLocaleUpperCase() !== this.sheet.toLocaleUpperCase() || !this.read) return;
    const rows = address !== undefined && changeType === "RangeEdited" ? changedRows(address) : null;
    if (!rows || !this.editedRows) this.editedRows = null;
    else for (const r of rows) this.editedRows.add(r);
    if (this.editedRows && this.editedRows.size > MAX_PATCH_ROWS) this.editedRows = null;
    this.scheduleRecheck();
  }

  private scheduleRecheck(): void {
    if (this.recheckTimer) clearTimeout(this.recheckTimer);
    this.recheckTimer = setTimeout(() => { this.recheckTimer = null; void this.recheck(); }, Validation.RECHECK_DELAY_MS);
  }

  /**
   * Validation again after edits. Only the edited rows are read from Excel (one sync) and patched
   * into the grid already read; the issues of untouched rows stay, those of the edited rows, the
   * rows of the same unit and the totals are found again (shared/validate/incremental.ts). An
   * edit the rows cannot describe reads the sheet again (2 syncs). When the sheet carries marks
   * and the issues changed, only cells whose mark changed are read and written (3 syncs): at most
   * 5 syncs per batch of edits, never a value written.
   */
  async recheck(): Promise<void> {
    if (this.app.busy) { this.scheduleRecheck(); return; }
    // The edited rows and the totals Excel recalculated from them.
    const rows = this.editedRows ? rowsToRead(this.read, [...this.editedRows]) : null;
    this.editedRows = new Set();
    const before = { read: this.read, issues: this.issues, grid: this.checkedGrid };
    await this.app.task(this.app.t("validate.rechecking"), async () => {
      try {
        await this.recheckRows(rows, before);
      } catch (e) {
        // The edited rows stay pending, so nothing the clerk typed goes unchecked.
        if (!rows) this.editedRows = null;
        else if (this.editedRows) for (const r of rows) this.editedRows.add(r);
        if (isCellEditFailure(e)) this.scheduleRecheck();
        throw e;
      }
    });
  }

  private async recheckRows(rows: number[] | null, before: { read: SheetRead | null; issues: Issue[]; grid: SheetGrid | null }): Promise<void> {
    const adapter = this.app.adapter;
    const patch = rows?.length && before.grid ? await adapter.readRows(before.grid, rows) : null;
    const grid = patch && before.grid ? patchGrid(before.grid, patch.rows) : null;
    if (grid && patch) this.snapshot = { grid, sheets: patch.sheets };
    else this.snapshot = await this.readWorkbook();
    this.runValidation();
    if (grid && rows && before.read && this.read) {
      const unitRows = new Set(this.read.units.map((u) => u.row));
      this.issues = mergeIssues(before.issues, this.issues, affectedRows(before.read, this.read, rows), unitRows, grid.name);
    }
    if (this.annotated && this.markedIssues && marksChanged(this.markedIssues, this.issues)) {
      await adapter.annotate(this.issues, this.app.lang, this.snapshot.sheets, this.markedIssues);
      this.markedIssues = this.issues;
    }
    const s = summarize(this.issues);
    this.app.notice = { kind: s.errors ? "error" : "ok", text: this.app.t("validate.rechecked", { summary: this.app.t("validate.summary", { errors: s.errors, warnings: s.warnings, infos: s.infos }) }) };
  }

  async validate(): Promise<void> {
    const app = this.app;
    await app.task(app.t("validate.reading"), async () => {
      const snap = await this.readWorkbook();
      this.snapshot = snap;
      this.sheets = snap.sheets.filter(offered).map((s) => s.name);
      this.sheet = snap.grid.name;
      this.sharedMapping = null;
      if (!this.watched.has(this.sheet)) {
        const name = this.sheet;
        this.watched.add(name);
        await app.adapter.watch(name, (address, type) => this.edited(name, address, type)).catch(() => this.watched.delete(name));
      }
      this.runValidation();
      // No mapping saved with this workbook: the province's, learned from a unit with the same form, if any.
      if (this.read && !app.docs.mapping(snap.grid.name) && app.auth.account) {
        this.sharedMapping = await findSharedMapping(app.api(), app.scope.province, this.read);
        if (this.sharedMapping) this.runValidation();
      }
      const s = summarize(this.issues);
      // "Có thể gửi số liệu" only when it is so: signed in, and the server answers.
      const blocker = this.read?.headerRows.length && !s.errors ? await app.sendBlocker() : null;
      app.notice = this.read?.headerRows.length
        ? { kind: s.errors ? "error" : blocker ? "info" : "ok", text: s.errors ? app.t("validate.summary", { errors: s.errors, warnings: s.warnings, infos: s.infos }) : blocker ?? app.t("validate.clean") }
        : { kind: "error", text: app.t("error.noTable") };
    });
  }

  /** Validation proper: the core's reader and rules, with the clerk's saved mapping and scope. */
  runValidation(): void {
    if (!this.snapshot) return;
    this.app.checked();
    const { read, issues, sheetPeriod } = loadedEngine().checkSheet(this.snapshot.grid, this.otherReads, this.checkScope());
    this.read = read;
    this.sheetPeriod = sheetPeriod;
    if (!this.app.scope.unit && read.scope) this.app.scope = { ...this.app.scope, unit: read.scope };
    // Nothing typed yet: the period field starts from the sheet's title.
    if (!this.app.scope.period && sheetPeriod && !this.app.periodTyped) this.app.scope = { ...this.app.scope, period: sheetPeriod };
    this.issues = issues;
    this.checkedGrid = this.snapshot.grid;
    this.mappingDraft = {};
  }

  private checkScope(): CheckScope {
    const { catalog, lang, registry, scope, docs } = this.app;
    return {
      catalog, lang, registry,
      ...(scope.unit ? { unit: scope.unit } : {}), ...(scope.period ? { period: scope.period } : {}),
      mappingOf: (sheet) => docs.mapping(sheet), ...(this.sharedMapping ? { shared: this.sharedMapping.mapping } : {}),
    };
  }

  /** The whole workbook read again: the picked sheet and, beside it, the other sheets that may hold data. */
  private async readWorkbook(): Promise<SheetSnapshot> {
    const [snap, { readOtherSheets }] = await Promise.all([
      this.app.adapter.readSheet(this.sheet || undefined, { others: true, known: this.snapshot?.sheets ?? this.knownSheets }),
      loadEngine(),
    ]);
    this.knownSheets = snap.sheets;
    this.otherReads = readOtherSheets(snap.others ?? [], this.checkScope());
    return snap;
  }

  async applyMapping(): Promise<void> {
    if (!this.snapshot) return;
    const name = this.snapshot.grid.name;
    await this.app.docs.setMapping(name, { ...(this.app.docs.mapping(name) ?? {}), ...this.mappingDraft });
    await this.validate();
  }

  async annotate(): Promise<void> {
    const app = this.app;
    await app.task(app.t("validate.annotating"), async () => {
      if (!this.read) await this.validateQuiet();
      const r = await app.adapter.annotate(this.issues, app.lang, this.snapshot?.sheets);
      this.annotated = true;
      this.markedIssues = this.issues;
      this.snapshot = null; // the sheet list changed
      const cells = (list: string[]) => list.slice(0, 10).join(", ") + (list.length > 10 ? "…" : "");
      const details = [
        ...(app.adapter.caps.notes ? [] : [app.t("validate.annotatedNoNotes")]),
        ...(r.keptFills.length ? [app.t("validate.keptFills", { count: r.keptFills.length, sheet: r.reportSheet, cells: cells(r.keptFills) })] : []),
        ...(r.commented.length ? [app.t("validate.commented", { count: r.commented.length, cells: cells(r.commented) })] : []),
      ];
      app.notice = { kind: "ok", text: app.t("validate.annotated", { marked: r.marked, sheet: r.reportSheet }), details: details.length ? details : undefined };
    });
  }

  /** The sheet read and checked again without a notice (after the pane itself wrote into it). */
  async readAgain(): Promise<void> {
    if (!this.read) return;
    await this.validateQuiet();
    // Marks on the sheet follow its figures, as after the clerk's own edit.
    if (this.annotated && this.markedIssues && this.snapshot && marksChanged(this.markedIssues, this.issues)) {
      await this.app.adapter.annotate(this.issues, this.app.lang, this.snapshot.sheets, this.markedIssues);
      this.markedIssues = this.issues;
    }
  }

  private async validateQuiet(): Promise<void> {
    this.snapshot = await this.readWorkbook();
    this.runValidation();
  }

  async clear(): Promise<void> {
    const app = this.app;
    await app.task(app.t("validate.clearing"), async () => {
      const { cleared, approximate } = await app.adapter.clear(this.snapshot?.sheets);
      this.annotated = false;
      this.markedIssues = null;
      this.snapshot = null; // the sheet list changed
      app.notice = { kind: cleared ? "ok" : "info", text: app.t(cleared ? "validate.cleared" : "validate.nothingToClear"),
        details: approximate ? [app.t("validate.clearedApprox", { count: approximate })] : undefined };
    });
  }

  /**
   * Sends the rows the registry does not know and that say what they are (Chi bộ …, Thôn …) to
   * the province as one proposal under the clerk's unit, as `htct registry propose` does.
   */
  async proposeUnits(): Promise<void> {
    const app = this.app, read = this.read;
    const { province, unit } = app.scope;
    if (!read || !province || !unit) return;
    const { units } = proposableUnits(read.units);
    if (!units.length) return;
    await app.task(app.t("validate.proposing"), async () => {
      const sent = await app.api().registryPropose(province, {
        parent: unit, units: units.slice(0, MAX_PROPOSED_UNITS),
        source: { workbook: (app.deps.office.documentUrl || "workbook").slice(-200), sheet: read.sheet.slice(0, 100) },
      });
      this.proposal = { sheet: read.sheet, sent };
      app.notice = { kind: "ok", text: app.t("validate.proposed", { count: sent.units.length }) };
    });
  }

  async goto(issue: Issue): Promise<void> {
    const cell = issue.cells[0];
    if (!cell) return;
    await this.app.adapter.select(issue.sheet, cell).catch((e: unknown) => { this.app.notice = { kind: "error", text: this.app.explain(e) }; this.app.render(); });
  }
}
