import type { Prefs } from "../../../prefs.ts";
import type { SessionPort } from "../../shell/ports.ts";
import { action } from "../../controls.ts";
import { field, h, liveValue, select } from "../../dom.ts";

/** What the Cài đặt tab reads and does. */
export interface SettingsPort extends SessionPort {
  setPrefs(next: Partial<Prefs>): void;
  signIn(): Promise<void>;
  signOut(): void;
  testConnection(server?: string): Promise<void>;
  saveServer(typed: string): boolean;
  readonly serverTyped: string | null;
}

export function renderSettings(app: SettingsPort): HTMLElement {
  const server = h("input", { type: "url", value: app.serverTyped ?? app.prefs.server, placeholder: "https://…", autocomplete: "url" }) as HTMLInputElement;
  const devUser = h("input", { type: "text", value: app.prefs.devUser, autocomplete: "username" }) as HTMLInputElement;
  const clientId = h("input", { type: "text", value: app.prefs.clientId, placeholder: "00000000-0000-0000-0000-000000000000", spellcheck: "false" }) as HTMLInputElement;
  const scope = h("input", { type: "text", value: app.prefs.scope, placeholder: "api://…/access_as_user", spellcheck: "false" }) as HTMLInputElement;
  // The Microsoft 365 sign-in needs the app registration's client id and the API's scope, which
  // whoever deploys the add-in hands to the clerks.
  const saveEntra = () => app.setPrefs({ clientId: liveValue("st-client-id").trim(), scope: liveValue("st-scope").trim() });
  return h("section", { class: "settings" },
    field("st-server", app.t("settings.server"), server, app.t("settings.serverHint")),
    h("div", { class: "actions" },
      action({ id: "st-save", onclick: () => { app.saveServer(liveValue("st-server")); } }, app.t("settings.save")),
      action({ id: "st-test", disabled: !!app.busy, onclick: () => void app.testConnection(liveValue("st-server").trim()) }, app.t("settings.test"))),
    field("st-method", app.t("settings.method"), select([
      { value: "naa", label: app.t("settings.methodNaa") }, { value: "dev", label: app.t("settings.methodDev") },
    ], app.prefs.method, (v) => app.setPrefs({ method: v === "naa" ? "naa" : "dev" }))),
    app.prefs.method === "dev" ? field("st-dev-user", app.t("settings.devUser"), devUser, app.t("settings.devUserHint")) : null,
    app.prefs.method === "naa" ? field("st-client-id", app.t("settings.clientId"), clientId, app.t("settings.clientIdHint")) : null,
    app.prefs.method === "naa" ? field("st-scope", app.t("settings.scope"), scope, app.t("settings.scopeHint")) : null,
    h("p", {}, app.auth.account ? app.t("settings.signedIn", { user: `${app.auth.account.name} (${app.auth.account.user})` }) : app.t("settings.signedOut")),
    h("div", { class: "actions" },
      action({ id: "st-signin", primary: true, disabled: !!app.busy, onclick: () => { if (app.prefs.method === "dev") app.setPrefs({ devUser: liveValue("st-dev-user").trim() }); else saveEntra(); void app.signIn(); } }, app.t("settings.signIn")),
      app.auth.account ? action({ id: "st-signout", onclick: () => app.signOut() }, app.t("settings.signOut")) : null),
    field("st-lang", app.t("settings.language"), select([
      { value: "auto", label: app.t("settings.langAuto") }, { value: "vi", label: "Tiếng Việt" }, { value: "en", label: "English" },
    ], app.prefs.lang, (v) => app.setPrefs({ lang: v === "vi" || v === "en" ? v : "auto" }))),
    // Help: the guide in its own page, and the first-run introduction again.
    h("p", { class: "help-links" },
      h("a", { id: "st-help", href: "help.html", target: "_blank", rel: "noopener" }, app.t("settings.help")), " · ",
      action({ id: "st-intro", onclick: () => { app.setPrefs({ seenIntro: false }); document.getElementById("intro-ok")?.focus(); } }, app.t("settings.showIntro"))),
  );
}
