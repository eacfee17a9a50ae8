// The session: who is signed in (and how), the person's assignments, the unit and period the
// workbook reports for, the province's registry, and the pane's preferences. Features read it
// through SessionPort; what happens after a sign-in or a change of preferences is left to the
// pane that composes the features (signedIn, prefsChanged).
import { getCatalog, parsePeriodInput, type Lang, type OrgUnit } from "../../../../shared/index.ts";
import type { MeResponse } from "../../../../shared/contract/index.ts";
import { ApiClient, ApiError } from "../../api/client.ts";
import { DevAuth, DialogAuth, NaaAuth, type Auth } from "../../auth.ts";
import { withDeployed, type DeployedConfig } from "../../config.ts";
import { DocSettings, type Scope } from "../../doc-settings.ts";
import type { OfficeHost, XlRun } from "../../excel/surface.ts";
import { langFromOffice, langLoaded, loadLang } from "../../i18n.ts";
import { loadPrefs, normaliseServer, paneStorage, savePrefs, type PrefStorage, type Prefs } from "../../prefs.ts";
import { Pane } from "../shell/pane.ts";
import type { SessionPort } from "../shell/ports.ts";

export interface AppDeps {
  run: XlRun;
  office: OfficeHost;
  root: HTMLElement;
  fetch?: typeof fetch;
  storage?: PrefStorage | null;
  /** The deployment's config.json, when the pane was built for one. */
  deployed?: DeployedConfig | null;
}

export abstract class Session extends Pane implements SessionPort {
  readonly catalog = getCatalog();
  readonly docs: DocSettings;
  prefs: Prefs;
  lang: Lang;
  scope: Partial<Scope>;
  registry: OrgUnit[] = [];
  auth: Auth;
  /** The signed-in person (GET /api/me): their name and the units they may report for. */
  me: MeResponse | null = null;
  /** What the clerk typed in "Kỳ báo cáo" when it is no period (shown back with a hint); null otherwise. */
  periodTyped: string | null = null;
  /** A server address tried but not saved: the field keeps showing it (the pane redraws after the try). */
  serverTyped: string | null = null;
  private readonly storage: PrefStorage | null;

  constructor(readonly deps: AppDeps) {
    super();
    this.docs = new DocSettings(deps.office);
    this.storage = deps.storage === undefined ? paneStorage(deps.office.partitionKey) : deps.storage;
    this.prefs = withDeployed(loadPrefs(this.storage), deps.deployed ?? null);
    this.lang = this.prefs.lang === "auto" ? langFromOffice(deps.office.displayLanguage) : this.prefs.lang;
    this.scope = this.docs.scope();
    this.auth = this.makeAuth();
  }

  /** After a sign-in from the Cài đặt tab: what was waiting for the network. */
  protected abstract signedIn(): Promise<void>;
  /** After the preferences changed (the language, say): what must be worded again. */
  protected abstract prefsChanged(): void;

  protected serverShown(): string { return this.server() || location.origin; }

  /** The saved address as the pane uses it (an older pane may have saved one without "https://"). */
  private server(): string { return normaliseServer(this.prefs.server) ?? this.prefs.server; }

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

  api(): ApiClient { return new ApiClient(this.server(), () => this.auth.token(), this.deps.fetch); }

  /**
   * Whether checked figures can be sent now: null when they can, else what stands in the way in
   * the clerk's words (not signed in; the server cannot be reached, named). A clean check says
   * "Có thể gửi số liệu" only when it is true. A server that does not answer within a few
   * seconds counts as unreachable.
   */
  async sendBlocker(): Promise<string | null> {
    if (!this.auth.account) return this.t("validate.cleanSignIn");
    try {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<never>((_, fail) => { timer = setTimeout(() => fail(new ApiError("network", 0, "timeout", undefined, this.serverShown())), Session.REACH_TIMEOUT_MS); });
      await Promise.race([this.api().health(), late]).finally(() => clearTimeout(timer));
      return null;
    } catch (e) {
      return this.t("validate.cleanNoServer", { reason: this.explain(e) });
    }
  }

  static REACH_TIMEOUT_MS = 5000;

  isProvinceStaff(): boolean { return !!this.auth.account && !!this.me?.assignments.some((a) => a.role === "province"); }
  isOperator(): boolean { return !!this.auth.account && !!this.me?.assignments.some((a) => a.role === "operator"); }

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
      const units = this.me.assignments.filter((a) => a.role === "clerk" && a.unit);
      if (first?.province) this.scope = { ...this.scope, province: first.province, ...(units.length === 1 && !this.scope.unit ? { unit: units[0]!.unit! } : {}) };
    }
    if (!this.scope.province) {
      // A clerk's account names its reporting unit ("clerk-BTH-HTN"): a sensible first guess.
      const m = /^clerk-([A-Z0-9]+)-([A-Z0-9-]+)$/.exec(this.auth.account?.user ?? "");
      const p = /^province-([A-Z0-9]+)$/.exec(this.auth.account?.user ?? "");
      if (m) this.scope = { ...this.scope, province: m[1], unit: `${m[1]}-${m[2]}` };
      else if (p) this.scope = { ...this.scope, province: p[1] };
    }
    if (!this.scope.province) return;
    this.registry = (await this.api().orgunits(this.scope.province)).units;
  }

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

  setPrefs(next: Partial<Prefs>): void {
    const methodChanged = next.method !== undefined && next.method !== this.prefs.method;
    this.prefs = { ...this.prefs, ...next };
    savePrefs(this.prefs, this.storage);
    this.lang = this.prefs.lang === "auto" ? langFromOffice(this.deps.office.displayLanguage) : this.prefs.lang;
    if (methodChanged || next.devUser !== undefined) { this.auth.signOut(); this.auth = this.makeAuth(); }
    this.prefsChanged();
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
    await this.signedIn();
  }

  signOut(): void { this.auth.signOut(); this.render(); }

  /**
   * Keeps the server address, normalised ("htct.example.org" → "https://htct.example.org"); an
   * address that is none is refused with a message, and the old one kept.
   */
  saveServer(typed: string): boolean {
    const server = normaliseServer(typed);
    if (server === null) { this.notice = { kind: "error", text: this.t("settings.serverInvalid", { text: typed.trim() }) }; this.render(); return false; }
    this.serverTyped = null;
    this.setPrefs({ server });
    this.notice = { kind: "ok", text: this.t("settings.saved") };
    this.render();
    return true;
  }

  /** Tries the address as typed (not yet saved), so a clerk can check it before keeping it. */
  async testConnection(typed = this.prefs.server): Promise<void> {
    this.serverTyped = typed === this.prefs.server ? null : typed;
    await this.task(this.t("busy"), async () => {
      const server = normaliseServer(typed);
      if (server === null) { this.notice = { kind: "error", text: this.t("settings.serverInvalid", { text: typed.trim() }) }; return; }
      const health = await new ApiClient(server, () => this.auth.token(), this.deps.fetch).health();
      this.notice = { kind: "ok", text: this.t("settings.ok", { version: health.catalogVersion }) };
    });
  }
}
