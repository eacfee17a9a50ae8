import {
  parsePeriodInput, affectedRows, changedRows, marksChanged, mergeIssues, patchGrid, MAX_PATCH_ROWS, type SheetGrid,
  getCatalog, summarize, type Issue, type Lang, type OrgUnit, type SavedMapping, type SheetRead,
} from "../../../shared/index.ts";
import type { ApprovalsResponse, ConflictBody, InvalidBody, MeResponse, UnitApproval, SharedMapping, SubmissionAccepted, SubmissionRequest } from "../../../shared/contract/index.ts";
import { ApiClient, ApiError } from "../api/client.ts";
import { DevAuth, DialogAuth, NaaAuth, type Auth } from "../auth.ts";
import { DocSettings, QueueFullError, type QueuedSubmission, type Scope } from "../doc-settings.ts";
import { capabilities, ExcelAdapter, MIN_EXCEL_API, offered, type SheetInfo, type SheetSnapshot } from "../excel/adapter.ts";
import { checkSheet, readOtherSheets, type CheckScope } from "../check.ts";
import { AdapterError } from "../excel/errors.ts";
import { isCellEditFailure } from "../excel/cell-edit.ts";
import type { OfficeHost, XlRun } from "../excel/surface.ts";
import { langFromOffice, langLoaded, loadLang, t, type StringKey } from "../i18n.ts";
import { loadPrefs, paneStorage, savePrefs, type PrefStorage, type Prefs } from "../prefs.ts";
import { uuid } from "../uuid.ts";
import { attempt, settle } from "../submit-queue.ts";
import { withDeployed, type DeployedConfig } from "../config.ts";
import { buildSubmission, fingerprint, resolveConflicts, type Choice } from "../../../shared/contract/index.ts";
import { findSharedMapping, offerSharedMapping } from "./features/mappings/shared-mapping.ts";
import { renderApprove } from "./features/approve/view.ts";
import { renderIntro } from "./shell/intro-view.ts";
import { renderMappings } from "./features/mappings/view.ts";
import { ProvinceMappings } from "./features/mappings/state.ts";
import { renderRollup } from "./features/reports/view.ts";
import { renderSettings } from "./features/settings/view.ts";
import { renderSubmit } from "./features/submit/view.ts";
import { renderValidate } from "./features/validate/view.ts";
import { patch, h } from "./dom.ts";
import { Reports } from "./features/reports/state.ts";
import { Approvals } from "./features/approve/state.ts";
import type { Notice } from "./shell/ports.ts";
import type { ApprovePort } from "./features/approve/view.ts";
import type { IntroPort } from "./shell/intro-view.ts";
import type { MappingsPort } from "./features/mappings/view.ts";
import type { ReportsPort } from "./features/reports/view.ts";
import type { SettingsPort } from "./features/settings/view.ts";
import type { SubmitPort } from "./features/submit/view.ts";
import type { ValidatePort } from "./features/validate/view.ts";

export type Tab = "validate" | "submit" | "rollup" | "approve" | "mappings" | "settings";

export type { Notice } from "./shell/ports.ts";

export interface AppDeps {
  run: XlRun;
  office: OfficeHost;
  root: HTMLElement;
  fetch?: typeof fetch;
  storage?: PrefStorage | null;
  /** The deployment's config.json, when the pane was built for one. */
  deployed?: DeployedConfig | null;
}

/**
 * The pane's state and every action the views can take. Views are pure functions of the app;
 * after each change the pane is drawn again (focus kept by element id), which keeps a small
 * pane simple and its keyboard order stable.
 */
export class App implements ValidatePort, SubmitPort, ReportsPort, ApprovePort, MappingsPort, SettingsPort, IntroPort {
  readonly catalog = getCatalog();
  readonly adapter: ExcelAdapter;
  readonly docs: DocSettings;
  prefs: Prefs;
  lang: Lang;
  tab: Tab = "validate";
  busy: string | null = null;
  notice: Notice | null = null;
  sheets: string[] = [];
  sheet = "";
  snapshot: SheetSnapshot | null = null;
  read: SheetRead | null = null;
  issues: Issue[] = [];
  mappingDraft: SavedMapping = {};
  /** What the clerk typed in each column's indicator search. */
  mappingFilter: Record<string, string> = {};
  scope: Partial<Scope>;
  registry: OrgUnit[] = [];
  auth: Auth;
  conflict: { body: ConflictBody; request: SubmissionRequest; choices: Choice[] } | null = null;
  accepted: SubmissionAccepted | null = null;
  invalid: InvalidBody | null = null;
  queue: QueuedSubmission[];
  /** The province's shared column mappings (the Ánh xạ cột tab). */
  readonly provinceMappings = new ProvinceMappings(this);

  private readonly storage: PrefStorage | null;

  constructor(readonly deps: AppDeps) {
    this.adapter = new ExcelAdapter(deps.run, capabilities(deps.office));
    this.docs = new DocSettings(deps.office);
    // Report sheets the product wrote are never offered for validation nor read as data.
    this.adapter.reportSheets = () => this.docs.reportSheets();
    this.storage = deps.storage === undefined ? paneStorage(deps.office.partitionKey) : deps.storage;
    this.prefs = withDeployed(loadPrefs(this.storage), deps.deployed ?? null);
    this.lang = this.prefs.lang === "auto" ? langFromOffice(deps.office.displayLanguage) : this.prefs.lang;
    this.scope = this.docs.scope();
    this.queue = this.docs.queue();
    this.auth = this.makeAuth();
  }

  t(key: StringKey, params?: Record<string, string | number>): string { return t(this.lang, key, params); }

  private makeAuth(): Auth {
    const f = this.deps.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
    return this.prefs.method === "naa"
      ? (this.dialogSignIn()
        ? new DialogAuth(() => this.prefs, this.deps.office.dialog!, location.origin)
        : new NaaAuth(() => this.prefs, () => this.deps.office.isSetSupported("NestedAppAuth", "1.1")))
      : new DevAuth(() => this.prefs.devUser, f);
  }

  /** Without nested app authentication, Microsoft 365 sign-in goes through Office's dialog (DialogApi 1.1). */
  private dialogSignIn(): boolean {
    const o = this.deps.office;
    return !o.isSetSupported("NestedAppAuth", "1.1") && !!o.dialog && o.isSetSupported("DialogApi", "1.1");
  }

  api(): ApiClient { return new ApiClient(this.prefs.server, () => this.auth.token(), this.deps.fetch); }

  // ── drawing ────────────────────────────────────────────────────────────────────────────
  render(): void {
    const focused = document.activeElement?.id;
    const tabs = this.tabs();
    const body = this.tab === "validate" ? renderValidate(this) : this.tab === "submit" ? renderSubmit(this) : this.tab === "rollup" ? renderRollup(this) : this.tab === "approve" ? renderApprove(this) : this.tab === "mappings" ? renderMappings(this) : renderSettings(this);
    const view = h("div", { class: "pane", lang: this.lang },
      h("header", {}, h("h1", {}, this.t("app.title")), this.auth.account ? h("span", { class: "who", title: this.auth.account.user }, this.me?.displayName || this.auth.account.name) : null),
      this.prefs.seenIntro ? null : renderIntro(this),
      h("nav", { role: "tablist", "aria-label": this.t("app.title") }, tabs.map((tab) => h("button", {
        role: "tab", id: `tab-${tab}`, "aria-selected": String(this.tab === tab), "aria-controls": "panel", tabindex: this.tab === tab ? 0 : -1,
        onclick: () => { this.tab = tab; this.notice = null; this.render(); if (tab === "submit") void this.loadMyApproval(); },
        onkeydown: (e: Event) => this.tabKeys(e as KeyboardEvent, tabs),
      }, this.t(`tab.${tab}` as StringKey)))),
      h("div", { class: "status", role: "status", "aria-live": "polite" },
        this.busy ? h("div", { class: "busy" }, h("progress", { "aria-label": this.busy }), h("span", {}, this.busy)) : null,
        this.notice ? h("div", { class: `notice ${this.notice.kind}`, role: this.notice.kind === "error" ? "alert" : null }, this.notice.text,
          this.notice.details?.length ? h("ul", {}, this.notice.details.map((d) => h("li", {}, d))) : null) : null),
      h("main", { id: "panel", role: "tabpanel", "aria-labelledby": `tab-${this.tab}`, "aria-busy": String(!!this.busy) }, body),
    );
    const live = this.deps.root.firstElementChild;
    if (live && live.nodeName === view.nodeName) patch(live, view);
    else this.deps.root.replaceChildren(view);
    if (focused && document.activeElement?.id !== focused) document.getElementById(focused)?.focus();
  }

  /** The Duyệt and Ánh xạ cột tabs are for province staff only: a clerk's pane keeps its four. */
  tabs(): Tab[] {
    return this.isProvinceStaff() ? ["validate", "submit", "rollup", "approve", "mappings", "settings"] : ["validate", "submit", "rollup", "settings"];
  }

  isProvinceStaff(): boolean { return !!this.auth.account && !!this.me?.assignments.some((a) => a.role === "province"); }

  private tabKeys(e: KeyboardEvent, tabs: Tab[]): void {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const i = tabs.indexOf(this.tab);
    this.tab = tabs[(i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length]!;
    this.render();
    document.getElementById(`tab-${this.tab}`)?.focus();
  }

  /** Runs an operation with a progress line; any failure becomes a plain-language notice. */
  async task(label: string, fn: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = label;
    this.notice = null;
    this.render();
    try {
      await fn();
    } catch (e) {
      this.notice = { kind: "error", text: this.explain(e) };
    } finally {
      this.busy = null;
      this.render();
    }
  }

  explain(e: unknown): string {
    if (e instanceof ApiError) {
      switch (e.kind) {
        case "network": return this.t("error.network", { server: this.prefs.server || location.origin });
        case "unauthorized": return this.t("error.unauthorized");
        case "forbidden": return this.t("error.forbidden");
        case "bad_answer": return this.t("error.badAnswer");
        case "server": return this.t("error.server", { status: e.status });
        default: return e.body ? e.body.message[this.lang] : this.t("error.server", { status: e.status });
      }
    }
    if (e instanceof AdapterError) {
      if (e.code === "protected") return this.t("error.protected", { sheet: e.sheet ?? "" });
      if (e.code === "structureProtected") return this.t("error.structureProtected");
      if (e.code === "tooManyMarks") return this.t("error.tooManyMarks", { count: e.count ?? 0 });
      return this.t("error.oldExcel");
    }
    const message = e instanceof Error ? e.message : String(e);
    return this.t("error.excel", { message });
  }

  // ── start ──────────────────────────────────────────────────────────────────────────────
  async start(): Promise<void> {
    await loadLang(this.lang).catch(() => undefined);
    if (!this.deps.office.isSetSupported("ExcelApi", MIN_EXCEL_API)) {
      // The manifest keeps such hosts out; a pane opened anyway says why instead of failing later.
      this.notice = { kind: "error", text: this.t("error.oldExcel") };
      this.render();
      return;
    }
    this.render();
    await this.task(this.t("validate.reading"), async () => {
      const sheets = await this.adapter.listSheets();
      this.knownSheets = sheets;
      this.sheets = sheets.filter(offered).map((s) => s.name);
      this.sheet = this.sheets[0] ?? "";
    });
    // A silent sign-in where possible, then what was waiting for the network.
    // Silently only: a sign-in window opens from a click, never at start.
    await this.auth.signIn(true).catch(() => undefined);
    if (this.auth.account) await this.loadRegistry().catch(() => undefined);
    this.render();
    if (this.queue.length && this.auth.account) await this.retryQueue();
  }

  /** The signed-in person (GET /api/me): their name and the units they may report for. */
  me: MeResponse | null = null;

  /** The units this person reports for, by name (a clerk's assignments); empty for province staff. */
  assignedUnits(): { code: string; name: string }[] {
    return (this.me?.assignments ?? []).filter((a) => a.role === "clerk" && a.unit).map((a) => ({ code: a.unit!, name: a.unitName ?? a.unit! }));
  }

  /** Provinces this person works in, by name. */
  assignedProvinces(): { code: string; name: string }[] {
    const seen = new Map<string, string>();
    for (const a of this.me?.assignments ?? []) if (a.province && !seen.has(a.province)) seen.set(a.province, a.provinceName ?? a.province);
    return [...seen].map(([code, name]) => ({ code, name }));
  }

  async loadRegistry(): Promise<void> {
    this.me = await this.api().me().catch(() => null);
    if (this.me && !this.scope.province) {
      const first = this.me.assignments.find((a) => a.province);
      const unit = this.me.assignments.filter((a) => a.role === "clerk" && a.unit);
      if (first?.province) this.scope = { ...this.scope, province: first.province, ...(unit.length === 1 && !this.scope.district ? { district: unit[0]!.unit! } : {}) };
    }
    if (!this.scope.province) {
      // A clerk's account names its district ("clerk-BTH-HTN"): a sensible first guess.
      const m = /^clerk-([A-Z0-9]+)-([A-Z0-9-]+)$/.exec(this.auth.account?.user ?? "");
      const p = /^province-([A-Z0-9]+)$/.exec(this.auth.account?.user ?? "");
      if (m) this.scope = { ...this.scope, province: m[1], district: `${m[1]}-${m[2]}` };
      else if (p) this.scope = { ...this.scope, province: p[1] };
    }
    if (!this.scope.province) return;
    this.registry = (await this.api().orgunits(this.scope.province)).units;
  }

  // ── validate ───────────────────────────────────────────────────────────────────────────
  /** Sheets whose edits are watched (onChanged registered once each). */
  private watched = new Set<string>();
  /** Whether the watched sheet carries our marks, so a re-check also refreshes them. */
  annotated = false;
  /** The issues the sheet's marks show: after an edit only cells whose mark changed are written. */
  private markedIssues: Issue[] | null = null;
  private recheckTimer: ReturnType<typeof setTimeout> | null = null;
  /** Quiet time after the last edit before checking again; edits in between are one batch. */
  static RECHECK_DELAY_MS = 800;

  /**
   * 1-based rows edited since the last check, or null when an edit cannot be said by rows (rows
   * or columns inserted or deleted, a whole column, a sort): then the whole sheet is read again.
   */
  private editedRows: Set<number> | null = new Set();
  /** The grid the current issues were found in (kept when annotating drops the snapshot). */
  private checkedGrid: SheetGrid | null = null;

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
    this.recheckTimer = setTimeout(() => { this.recheckTimer = null; void this.recheck(); }, App.RECHECK_DELAY_MS);
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
    if (this.busy) { this.scheduleRecheck(); return; }
    const rows = this.editedRows ? [...this.editedRows] : null;
    this.editedRows = new Set();
    const before = { read: this.read, issues: this.issues, grid: this.checkedGrid };
    await this.task(this.t("validate.rechecking"), async () => {
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
    const patch = rows?.length && before.grid ? await this.adapter.readRows(before.grid, rows) : null;
    const grid = patch && before.grid ? patchGrid(before.grid, patch.rows) : null;
    if (grid && patch) this.snapshot = { grid, sheets: patch.sheets };
    else this.snapshot = await this.readWorkbook();
    this.runValidation();
    if (grid && rows && before.read && this.read) {
      const unitRows = new Set(this.read.units.map((u) => u.row));
      this.issues = mergeIssues(before.issues, this.issues, affectedRows(before.read, this.read, rows), unitRows, grid.name);
    }
    if (this.annotated && this.markedIssues && marksChanged(this.markedIssues, this.issues)) {
      await this.adapter.annotate(this.issues, this.lang, this.snapshot.sheets, this.markedIssues);
      this.markedIssues = this.issues;
    }
    const s = summarize(this.issues);
    this.notice = { kind: s.errors ? "error" : "ok", text: this.t("validate.rechecked", { summary: this.t("validate.summary", { errors: s.errors, warnings: s.warnings, infos: s.infos }) }) };
  }

  async validate(): Promise<void> {
    await this.task(this.t("validate.reading"), async () => {
      const snap = await this.readWorkbook();
      this.snapshot = snap;
      this.sheets = snap.sheets.filter(offered).map((s) => s.name);
      this.sheet = snap.grid.name;
      this.sharedMapping = null;
      if (!this.watched.has(this.sheet)) {
        const name = this.sheet;
        this.watched.add(name);
        await this.adapter.watch(name, (address, type) => this.edited(name, address, type)).catch(() => this.watched.delete(name));
      }
      this.runValidation();
      // No mapping saved with this workbook: the province's, learned from a unit with the same form, if any.
      if (this.read && !this.docs.mapping(snap.grid.name) && this.auth.account) {
        this.sharedMapping = await findSharedMapping(this.api(), this.scope.province, this.read);
        if (this.sharedMapping) this.runValidation();
      }
      const s = summarize(this.issues);
      this.notice = this.read?.headerRows.length
        ? { kind: s.errors ? "error" : "ok", text: s.errors ? this.t("validate.summary", { errors: s.errors, warnings: s.warnings, infos: s.infos }) : this.t("validate.clean") }
        : { kind: "error", text: this.t("error.noTable") };
    });
  }

  /** The province's mapping for this form, used when the workbook has none of its own. */
  sharedMapping: SharedMapping | null = null;

  /** Validation proper: the core's reader and rules, with the clerk's saved mapping and scope. */
  runValidation(): void {
    if (!this.snapshot) return;
    this.accepted = null;
    const { read, issues } = checkSheet(this.snapshot.grid, this.otherReads, this.checkScope());
    this.read = read;
    if (!this.scope.district && read.scope) this.scope = { ...this.scope, district: read.scope };
    this.issues = issues;
    this.checkedGrid = this.snapshot.grid;
    this.mappingDraft = {};
  }

  /** The workbook's other data sheets as of the last full read: "required indicator missing" looks at them too. */
  private otherReads: SheetRead[] = [];

  private checkScope(): CheckScope {
    return {
      catalog: this.catalog, lang: this.lang, registry: this.registry,
      ...(this.scope.district ? { district: this.scope.district } : {}), ...(this.scope.period ? { period: this.scope.period } : {}),
      mappingOf: (sheet) => this.docs.mapping(sheet), ...(this.sharedMapping ? { shared: this.sharedMapping.mapping } : {}),
    };
  }

  /** The whole workbook read again: the picked sheet and, beside it, the other sheets that may hold data. */
  private async readWorkbook(): Promise<SheetSnapshot> {
    const snap = await this.adapter.readSheet(this.sheet || undefined, { others: true, known: this.snapshot?.sheets ?? this.knownSheets });
    this.knownSheets = snap.sheets;
    this.otherReads = readOtherSheets(snap.others ?? [], this.checkScope());
    return snap;
  }

  /** The sheet list as last seen, so the next read asks for every sheet's size in its first sync. */
  private knownSheets: SheetInfo[] = [];

  async applyMapping(): Promise<void> {
    if (!this.snapshot) return;
    const name = this.snapshot.grid.name;
    await this.docs.setMapping(name, { ...(this.docs.mapping(name) ?? {}), ...this.mappingDraft });
    await this.validate();
  }

  /** What the clerk typed in "Kỳ báo cáo" when it is no period (shown back with a hint); null otherwise. */
  periodTyped: string | null = null;

  /** "6/2012", "Quý II/2024", "6 tháng đầu năm 2024"… become the period code before anything uses them. */
  async setPeriod(typed: string): Promise<void> {
    const text = typed.trim();
    const code = text ? parsePeriodInput(text) : null;
    if (text && !code) { this.periodTyped = text; this.render(); return; }
    this.periodTyped = null;
    await this.saveScope({ period: code ?? undefined });
  }

  async saveScope(scope: Partial<Scope>): Promise<void> {
    const provinceChanged = scope.province !== undefined && scope.province !== this.scope.province;
    this.scope = { ...this.scope, ...scope };
    await this.docs.setScope(this.scope);
    if (provinceChanged && this.auth.account) await this.loadRegistry().catch(() => undefined);
    this.render();
  }

  async annotate(): Promise<void> {
    await this.task(this.t("validate.annotating"), async () => {
      if (!this.read) await this.validateQuiet();
      const r = await this.adapter.annotate(this.issues, this.lang, this.snapshot?.sheets);
      this.annotated = true;
      this.markedIssues = this.issues;
      this.snapshot = null; // the sheet list changed
      const cells = (list: string[]) => list.slice(0, 10).join(", ") + (list.length > 10 ? "…" : "");
      const details = [
        ...(this.adapter.caps.notes ? [] : [this.t("validate.annotatedNoNotes")]),
        ...(r.keptFills.length ? [this.t("validate.keptFills", { count: r.keptFills.length, sheet: r.reportSheet, cells: cells(r.keptFills) })] : []),
        ...(r.commented.length ? [this.t("validate.commented", { count: r.commented.length, cells: cells(r.commented) })] : []),
      ];
      this.notice = { kind: "ok", text: this.t("validate.annotated", { marked: r.marked, sheet: r.reportSheet }), details: details.length ? details : undefined };
    });
  }

  private async validateQuiet(): Promise<void> {
    this.snapshot = await this.readWorkbook();
    this.runValidation();
  }

  async clear(): Promise<void> {
    await this.task(this.t("validate.clearing"), async () => {
      const { cleared, approximate } = await this.adapter.clear(this.snapshot?.sheets);
      this.annotated = false;
      this.markedIssues = null;
      this.snapshot = null; // the sheet list changed
      this.notice = { kind: cleared ? "ok" : "info", text: this.t(cleared ? "validate.cleared" : "validate.nothingToClear"),
        details: approximate ? [this.t("validate.clearedApprox", { count: approximate })] : undefined };
    });
  }

  async goto(issue: Issue): Promise<void> {
    const cell = issue.cells[0];
    if (!cell) return;
    await this.adapter.select(issue.sheet, cell).catch((e: unknown) => { this.notice = { kind: "error", text: this.explain(e) }; this.render(); });
  }

  // ── submit ─────────────────────────────────────────────────────────────────────────────
  canSubmit(): StringKey | null {
    if (!this.read) return "submit.needValidate";
    if (summarize(this.issues).errors) return "submit.blocked";
    if (!this.scope.province || !this.scope.district || !this.scope.period) return "submit.needUnit";
    if (!this.auth.account) return "submit.needSignIn";
    return null;
  }

  async submit(): Promise<void> {
    const read = this.read;
    const scope = this.scope;
    if (!read || this.canSubmit() || !scope.province || !scope.district || !scope.period) return;
    const full = { province: scope.province, unit: scope.district, period: scope.period };
    const draft = buildSubmission(read, full, { baseVersion: this.docs.baseVersion(full.unit, full.period), catalogVersion: this.catalog.version, workbook: this.deps.office.documentUrl || "workbook" });
    const request: SubmissionRequest = { ...draft, source: { ...draft.source, fingerprint: await fingerprint(draft.units) } };
    // The same figures the server already holds make no new version: say so instead of sending.
    const last = this.docs.lastSent(full.unit, full.period);
    if (last && last.fingerprint === request.source.fingerprint && last.version === this.docs.baseVersion(full.unit, full.period)) {
      this.accepted = null; this.invalid = null; this.conflict = null;
      this.notice = { kind: "info", text: this.t("submit.nothingChanged", { version: last.version }) };
      this.render();
      return;
    }
    await this.send(request);
  }

  /** Queues first (in the workbook), then sends: a lost connection never loses the submission. */
  async send(request: SubmissionRequest): Promise<void> {
    const item: QueuedSubmission = { idempotencyKey: uuid(), queuedAt: new Date().toISOString(), request };
    this.queue = [...this.queue.filter((q) => !(q.request.unit === request.unit && q.request.period === request.period)), item];
    // Not kept in the workbook (queue full, read-only workbook, over Office's 2 MB): sent all the
    // same, and if it cannot be delivered now the clerk is told it will not survive closing.
    let notKept: string | null = null;
    try { await this.docs.setQueue(this.queue); } catch (e) {
      notKept = e instanceof QueueFullError ? this.t("submit.queueFull") : this.t("submit.notSaved", { reason: e instanceof Error ? e.message : String(e) });
    }
    await this.deliver(item);
    if (notKept && this.queue.includes(item)) { this.notice = { kind: "error", text: notKept }; this.render(); }
    // A stored submission starts the approval over: the pane shows where it stands now.
    if (this.accepted) await this.loadMyApproval();
  }

  async retryQueue(): Promise<void> {
    for (const item of [...this.queue]) await this.deliver(item);
  }

  async discardQueue(): Promise<void> {
    this.queue = [];
    await this.docs.setQueue([]);
    this.render();
  }

  private async deliver(item: QueuedSubmission): Promise<void> {
    await this.task(this.t("submit.sending"), async () => {
      this.accepted = null; this.invalid = null; this.conflict = null;
      const result = await attempt(this.api(), item);
      this.queue = settle(this.queue, item, result);
      if (result.kind === "kept") {
        this.notice = { kind: "error", text: this.t(result.reason === "network" ? "submit.queued" : "submit.queuedBusy") };
        return;
      }
      await this.docs.setQueue(this.queue);
      if (result.kind === "refused") {
        this.notice = { kind: "error", text: this.explain(result.error), details: result.details.length ? result.details : undefined };
        return;
      }
      const outcome = result.outcome;
      const { unit: district, period } = item.request;
      switch (outcome.kind) {
        case "accepted":
          this.accepted = outcome.body;
          await this.docs.setBaseVersion(district, period, outcome.body.version);
          await this.docs.setLastSent(district, period, { version: outcome.body.version, fingerprint: item.request.source.fingerprint });
          this.notice = { kind: "ok", text: this.t("submit.accepted", { version: outcome.body.version }) };
          // The clerk's confirmed mapping goes to the province for the next unit using this form.
          // A workbook read with the province's mapping offers it too: the province then counts this unit among the form's users.
          if (this.read && this.snapshot) void offerSharedMapping(this.api(), item.request.province, this.read, this.docs.mapping(this.snapshot.grid.name) ?? this.sharedMapping?.mapping);
          break;
        case "conflict":
          this.conflict = { body: outcome.body, request: item.request, choices: outcome.body.conflicts.map(() => "mine") };
          this.notice = { kind: "error", text: this.t("submit.conflictTitle") };
          break;
        case "invalid":
          this.invalid = outcome.body;
          this.notice = { kind: "error", text: this.t("submit.invalid") };
          break;
        case "locked":
          this.notice = { kind: "error", text: this.t("submit.locked") };
          break;
      }
    });
  }

  async resubmitConflict(): Promise<void> {
    if (!this.conflict) return;
    const { body, request, choices } = this.conflict;
    const next = resolveConflicts(request, body.conflicts, choices, body.currentVersion);
    this.conflict = null;
    await this.send({ ...next, source: { ...next.source, fingerprint: await fingerprint(next.units) } });
  }

  // ── reports (features/reports/state.ts) ───────────────────────────────────────────────
  readonly reports = new Reports(this);
  get rollupChoice(): { province: string; period: string } | null { return this.reports.rollupChoice; }
  set rollupChoice(v: { province: string; period: string } | null) { this.reports.rollupChoice = v; }
  get detailUnits(): Reports["detailUnits"] { return this.reports.detailUnits; }
  get detailPick(): string { return this.reports.detailPick; }
  set detailPick(v: string) { this.reports.detailPick = v; }
  refreshRollup(province: string, period: string): Promise<void> { return this.reports.refreshRollup(province, period); }
  writeStatus(province: string, period: string): Promise<void> { return this.reports.writeStatus(province, period); }
  writeScorecard(province: string, period: string): Promise<void> { return this.reports.writeScorecard(province, period); }
  showDetail(unit: string, where?: { province: string; period: string }): Promise<void> { return this.reports.showDetail(unit, where); }
  showSelectedDetail(): Promise<void> { return this.reports.showSelectedDetail(); }
  writeDraft(province: string, period: string): Promise<void> { return this.reports.writeDraft(province, period); }
  downloadDraft(province: string, period: string): Promise<void> { return this.reports.downloadDraft(province, period); }
  // ── approval (features/approve/state.ts) ──────────────────────────────────────────────
  readonly approval = new Approvals(this);
  get approvals(): ApprovalsResponse | null { return this.approval.approvals; }
  get approvalPick(): Set<string> { return this.approval.approvalPick; }
  get approvalComment(): string { return this.approval.approvalComment; }
  set approvalComment(v: string) { this.approval.approvalComment = v; }
  get myApproval(): UnitApproval | null { return this.approval.myApproval; }
  loadApprovals(province: string, period: string): Promise<void> { return this.approval.loadApprovals(province, period); }
  pickApprovals(units: string[], on: boolean): void { this.approval.pickApprovals(units, on); }
  decide(step: "approve" | "return"): Promise<void> { return this.approval.decide(step); }
  loadMyApproval(): Promise<void> { return this.approval.loadMyApproval(); }
  markComplete(): Promise<void> { return this.approval.markComplete(); }

  // ── settings ───────────────────────────────────────────────────────────────────────────
  setPrefs(next: Partial<Prefs>): void {
    const methodChanged = next.method !== undefined && next.method !== this.prefs.method;
    this.prefs = { ...this.prefs, ...next };
    savePrefs(this.prefs, this.storage);
    this.lang = this.prefs.lang === "auto" ? langFromOffice(this.deps.office.displayLanguage) : this.prefs.lang;
    if (methodChanged || next.devUser !== undefined) { this.auth.signOut(); this.auth = this.makeAuth(); }
    if (this.snapshot) this.runValidation();
    this.render();
    if (!langLoaded(this.lang)) void loadLang(this.lang).then(() => this.render(), () => undefined);
  }

  async signIn(): Promise<void> {
    await this.task(this.t("busy"), async () => {
      if (this.prefs.method === "naa" && !this.deps.office.isSetSupported("NestedAppAuth", "1.1") && !this.dialogSignIn()) throw new Error(this.t("error.naaUnsupported"));
      if (this.prefs.method === "naa" && !/^[0-9a-f-]{36}$/i.test(this.prefs.clientId)) throw new Error(this.t("error.noClientId"));
      try {
        await this.auth.signIn();
      } catch (e) {
        this.notice = { kind: "error", text: this.t("error.signIn", { message: e instanceof Error ? e.message : String(e) }) };
        return;
      }
      this.scope = this.docs.scope();
      await this.loadRegistry().catch(() => undefined);
      this.notice = { kind: "ok", text: this.t("settings.signedIn", { user: this.auth.account?.name ?? "" }) };
    });
    if (this.queue.length && this.auth.account) await this.retryQueue();
  }

  signOut(): void { this.auth.signOut(); this.render(); }

  /** Tries the address as typed (not yet saved), so a clerk can check it before keeping it. */
  async testConnection(server = this.prefs.server): Promise<void> {
    await this.task(this.t("busy"), async () => {
      const health = await new ApiClient(server, () => this.auth.token(), this.deps.fetch).health();
      this.notice = { kind: "ok", text: this.t("settings.ok", { version: health.catalogVersion }) };
    });
  }
}
