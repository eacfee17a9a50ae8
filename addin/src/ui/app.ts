// The pane, composed: the session (ui/session/), the frame and its notices (ui/shell/), and one
// state object per feature (ui/features/<name>/state.ts). The App only wires them together and
// answers each view's port by handing the question to the feature that owns it; views are pure
// functions of their port and the pane is drawn again after each change.
import type { Issue, SavedMapping, SheetRead } from "../../../shared/index.ts";
import type { ApprovalsResponse, SharedMapping, UnitApproval } from "../../../shared/contract/index.ts";
import { capabilities, ExcelAdapter, MIN_EXCEL_API, type SheetSnapshot } from "../excel/adapter.ts";
import { loadLang, type StringKey } from "../i18n.ts";
import { Approvals, type ApprovalStepName } from "./features/approve/state.ts";
import type { ApprovePort } from "./features/approve/view.ts";
import type { MappingOffers } from "./features/mappings/offers.ts";
import type { ProvinceMappings } from "./features/mappings/state.ts";
import type { MappingsPort } from "./features/mappings/view.ts";
import type { Reports } from "./features/reports/state.ts";
import type { People } from "./features/people/state.ts";
import type { renderPeople } from "./features/people/view.ts";
import type { ReportsPort } from "./features/reports/view.ts";
import type { SettingsPort } from "./features/settings/view.ts";
import { Submission } from "./features/submit/state.ts";
import { renderSubmit, type SubmitPort } from "./features/submit/view.ts";
import { loadEngine, Validation } from "./features/validate/state.ts";
import { renderValidate, type ValidatePort } from "./features/validate/view.ts";
import { Session, type AppDeps } from "./session/session.ts";
import { drawFrame, tabsFor, type FramePort, type Tab } from "./shell/frame.ts";
import type { Notice } from "./shell/ports.ts";

export type { AppDeps } from "./session/session.ts";
export type { Tab } from "./shell/frame.ts";
export type { Notice } from "./shell/ports.ts";

export class App extends Session implements FramePort, ValidatePort, SubmitPort, ReportsPort, ApprovePort, MappingsPort, SettingsPort {
  readonly adapter: ExcelAdapter;
  tab: Tab = "validate";
  readonly validation = new Validation(this);
  readonly submission = new Submission(this);
  /** The Tổng hợp tab's state, loaded with its view (ensureReports). */
  private reportsState: Reports | null = null;
  get reports(): Reports { return this.loaded(this.reportsState); }
  readonly approval = new Approvals(this);
  /** The Ánh xạ cột tab's state (the province's mappings, the clerks' offers), loaded with its view. */
  private mappingsState: { mappings: ProvinceMappings; offers: MappingOffers } | null = null;
  get provinceMappings(): ProvinceMappings { return this.loaded(this.mappingsState).mappings; }
  get mappingOffers(): MappingOffers { return this.loaded(this.mappingsState).offers; }
  private loaded<T>(state: T | null): T {
    if (!state) throw new Error("the tab is not loaded yet");
    return state;
  }
  /** The Người dùng tab, fetched when first opened: only province staff and operators ever need it. */
  private peopleTab: { people: People; render: typeof renderPeople } | null = null;
  get people(): People { return this.peopleTab!.people; }

  constructor(deps: AppDeps) {
    super(deps);
    this.adapter = new ExcelAdapter(deps.run, capabilities(deps.office));
    // Report sheets the product wrote are never offered for validation nor read as data.
    this.adapter.reportSheets = () => this.docs.reportSheets();
  }

  render(): void {
    const body = this.tab === "validate" ? renderValidate(this) : this.tab === "submit" ? renderSubmit(this) : this.tab === "people" ? this.renderPeople() : this.lazyView(this.tab);
    drawFrame(this, body);
  }

  /**
   * The views the first screen does not show come with their tab (a chunk each, loaded once):
   * the first load carries Kiểm tra and Gửi số liệu only. Until it arrives the tab is empty.
   */
  private readonly views: Partial<Record<Tab, (app: App) => HTMLElement>> = {};
  private static readonly VIEWS: Partial<Record<Tab, () => Promise<(app: App) => HTMLElement>>> = {
    rollup: async () => (await import("./features/reports/view.ts")).renderRollup,
    approve: async () => (await import("./features/approve/view.ts")).renderApprove,
    mappings: async () => (await import("./features/mappings/view.ts")).renderMappings,
    settings: async () => (await import("./features/settings/view.ts")).renderSettings,
  };

  private lazyView(tab: Tab): HTMLElement {
    const view = this.views[tab];
    if (view) return view(this);
    const load = App.VIEWS[tab];
    const state = tab === "rollup" && !this.reportsState
      ? import("./features/reports/state.ts").then(({ Reports: R }) => { this.reportsState ??= new R(this); })
      : tab === "mappings" && !this.mappingsState
        ? Promise.all([import("./features/mappings/state.ts"), import("./features/mappings/offers.ts")]).then(([m, o]) => {
          // An offer accepted refreshes the list in use; another province picked drops the offers shown.
          const mappings: ProvinceMappings = new m.ProvinceMappings(this, () => { offers.list = null; });
          const offers: MappingOffers = new o.MappingOffers(this, async (p) => { await mappings.refresh(p); });
          this.mappingsState ??= { mappings, offers };
        })
        : Promise.resolve();
    if (load) void Promise.all([load(), state]).then(([v]) => v).then((v) => { this.views[tab] = v; this.render(); }, (e: unknown) => { this.notice = { kind: "error", text: this.explain(e) }; this.render(); });
    return document.createElement("section");
  }

  tabs(): Tab[] { return tabsFor(this.isProvinceStaff(), this.isOperator()); }

  private renderPeople(): HTMLElement {
    if (this.peopleTab) return this.peopleTab.render(this);
    void Promise.all([import("./features/people/state.ts"), import("./features/people/view.ts")]).then(([state, view]) => {
      this.peopleTab ??= { people: new state.People(this), render: view.renderPeople };
      this.render();
    }, (e: unknown) => { this.notice = { kind: "error", text: this.explain(e) }; this.render(); });
    return document.createElement("section");
  }

  opened(tab: Tab): void { if (tab === "submit") void this.loadMyApproval(); }

  async start(): Promise<void> {
    await loadLang(this.lang).catch(() => undefined);
    if (!this.deps.office.isSetSupported("ExcelApi", MIN_EXCEL_API)) {
      // The manifest keeps such hosts out; a pane opened anyway says why instead of failing later.
      this.notice = { kind: "error", text: this.t("error.oldExcel") };
      this.render();
      return;
    }
    this.render();
    // The reader and the rules, fetched once the pane is drawn: the first Kiểm tra does not wait for them.
    void loadEngine().catch(() => undefined);
    await this.task(this.t("validate.reading"), () => this.validation.listSheets());
    // A silent sign-in where possible, then what was waiting for the network.
    // Silently only: a sign-in window opens from a click, never at start.
    await this.auth.signIn(true).catch(() => undefined);
    if (this.auth.account) await this.loadRegistry().catch(() => undefined);
    this.render();
    if (this.queue.length && this.auth.account) await this.retryQueue();
  }

  protected async signedIn(): Promise<void> { if (this.queue.length && this.auth.account) await this.retryQueue(); }
  protected prefsChanged(): void { if (this.snapshot) this.validation.runValidation(); }
  /** After the pane wrote the server's chosen values into the sheet: the read and the issues follow it. */
  async sheetWritten(): Promise<void> { await this.validation.readAgain(); }
  /** A new check: the submission accepted before no longer describes the sheet. */
  checked(): void { this.submission.accepted = null; }

  // ── validate (features/validate/state.ts) ──────────────────────────────────────────────
  get sheets(): string[] { return this.validation.sheets; }
  set sheets(v: string[]) { this.validation.sheets = v; }
  get sheet(): string { return this.validation.sheet; }
  set sheet(v: string) { this.validation.sheet = v; }
  get snapshot(): SheetSnapshot | null { return this.validation.snapshot; }
  set snapshot(v: SheetSnapshot | null) { this.validation.snapshot = v; }
  get read(): SheetRead | null { return this.validation.read; }
  set read(v: SheetRead | null) { this.validation.read = v; }
  get issues(): Issue[] { return this.validation.issues; }
  set issues(v: Issue[]) { this.validation.issues = v; }
  get mappingDraft(): SavedMapping { return this.validation.mappingDraft; }
  set mappingDraft(v: SavedMapping) { this.validation.mappingDraft = v; }
  get sharedMapping(): SharedMapping | null { return this.validation.sharedMapping; }
  get sheetPeriod(): string | null { return this.validation.sheetPeriod; }
  validate(): Promise<void> { return this.validation.validate(); }
  annotate(): Promise<void> { return this.validation.annotate(); }
  clear(): Promise<void> { return this.validation.clear(); }
  goto(issue: Issue): Promise<void> { return this.validation.goto(issue); }
  selectCell(cell: string): Promise<void> {
    return this.adapter.select(this.sheet, cell).catch((e: unknown) => { this.notice = { kind: "error", text: this.explain(e) }; this.render(); });
  }
  applyMapping(): Promise<void> { return this.validation.applyMapping(); }
  get proposal(): Validation["proposal"] { return this.validation.proposal; }
  proposeUnits(): Promise<void> { return this.validation.proposeUnits(); }

  // ── submit (features/submit/state.ts) ──────────────────────────────────────────────────
  get accepted(): Submission["accepted"] { return this.submission.accepted; }
  get invalid(): Submission["invalid"] { return this.submission.invalid; }
  get conflict(): Submission["conflict"] { return this.submission.conflict; }
  get queue(): Submission["queue"] { return this.submission.queue; }
  canSubmit(): StringKey | null { return this.submission.canSubmit(); }
  submit(): Promise<void> { return this.submission.submit(); }
  resubmitConflict(): Promise<void> { return this.submission.resubmitConflict(); }
  retryQueue(): Promise<void> { return this.submission.retryQueue(); }
  discardQueue(): Promise<void> { return this.submission.discardQueue(); }

  // ── reports (features/reports/state.ts) ────────────────────────────────────────────────
  get rollupChoice(): { province: string; period: string } | null { return this.reportsState?.rollupChoice ?? null; }
  set rollupChoice(v: { province: string; period: string } | null) { this.reports.rollupChoice = v; }
  get detailUnits(): Reports["detailUnits"] { return this.reportsState?.detailUnits ?? null; }
  get detailPick(): string { return this.reportsState?.detailPick ?? ""; }
  set detailPick(v: string) { this.reports.detailPick = v; }
  refreshRollup(province: string, period: string): Promise<void> { return this.reports.refreshRollup(province, period); }
  writeStatus(province: string, period: string): Promise<void> { return this.reports.writeStatus(province, period); }
  writeScorecard(province: string, period: string): Promise<void> { return this.reports.writeScorecard(province, period); }
  showDetail(unit: string, where?: { province: string; period: string }): Promise<void> { return this.reports.showDetail(unit, where); }
  showSelectedDetail(): Promise<void> { return this.reports.showSelectedDetail(); }
  writeDraft(province: string, period: string): Promise<void> { return this.reports.writeDraft(province, period); }
  downloadDraft(province: string, period: string): Promise<void> { return this.reports.downloadDraft(province, period); }

  // ── approval (features/approve/state.ts) ───────────────────────────────────────────────
  get approvals(): ApprovalsResponse | null { return this.approval.approvals; }
  get approvalPick(): Set<string> { return this.approval.approvalPick; }
  get approvalComment(): string { return this.approval.approvalComment; }
  set approvalComment(v: string) { this.approval.approvalComment = v; }
  get approvalFilter(): string { return this.approval.approvalFilter; }
  set approvalFilter(v: string) { this.approval.approvalFilter = v; }
  get approvalResult(): Notice | null { return this.approval.approvalResult; }
  get myApproval(): UnitApproval | null { return this.approval.myApproval; }
  get myApprovalKnown(): boolean { return this.approval.myApprovalKnown; }
  loadApprovals(province: string, period: string): Promise<void> { return this.approval.loadApprovals(province, period); }
  pickApprovals(units: string[], on: boolean): void { this.approval.pickApprovals(units, on); }
  decide(step: ApprovalStepName): Promise<void> { return this.approval.decide(step); }
  loadMyApproval(): Promise<void> { return this.approval.loadMyApproval(); }
  markComplete(): Promise<void> { return this.approval.markComplete(); }
}
