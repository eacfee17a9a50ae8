import type { Prefs } from "./prefs.ts";
import { dialogUrl, parseDialogMessage } from "./auth-dialog-protocol.ts";

/**
 * Sign-in. With Entra ID, MSAL's nested app authentication (the Office host brokers the token,
 * no popup where it is supported); on the local stack, a token from the dev issuer, which the
 * task pane's dev server mints for a test account (it holds the same key as the functions host).
 * Tokens live in memory only.
 */
export interface Account { user: string; name: string }

export interface Auth {
  readonly account: Account | null;
  /** `silent`: only what needs no window (the pane's start); a dialog opens only from a click. */
  signIn(silent?: boolean): Promise<Account>;
  signOut(): void;
  token(): Promise<string | null>;
}

interface Claims { sub?: string; name?: string; preferred_username?: string; exp?: number }

function claims(token: string): Claims {
  const part = token.split(".")[1] ?? "";
  const json = atob(part.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(json, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes)) as Claims;
}

export class DevAuth implements Auth {
  private jwt: string | null = null;
  account: Account | null = null;
  constructor(private readonly user: () => string, private readonly fetchImpl: typeof fetch = (...a) => fetch(...a)) {}

  async signIn(): Promise<Account> {
    const res = await this.fetchImpl("/dev/token", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ user: this.user() }) });
    if (!res.ok) throw new Error(`dev issuer answered ${res.status}`);
    const { token } = (await res.json()) as { token?: string };
    if (!token) throw new Error("dev issuer gave no token");
    this.jwt = token;
    const c = claims(token);
    this.account = { user: c.sub ?? this.user(), name: c.name ?? c.sub ?? this.user() };
    return this.account;
  }
  signOut(): void { this.jwt = null; this.account = null; }
  async token(): Promise<string | null> {
    if (this.jwt && (claims(this.jwt).exp ?? Infinity) * 1000 < Date.now() + 60_000) await this.signIn();
    return this.jwt;
  }
}

/** A tenant-specific authority when the deployment names its tenant; else work and school accounts only. */
export function authority(tenant: string): string {
  return `https://login.microsoftonline.com/${encodeURIComponent(tenant || "organizations")}`;
}

/** Nested app authentication (MSAL.js), loaded only when chosen, so the dev build stays small. */
export class NaaAuth implements Auth {
  account: Account | null = null;
  private pca: import("@azure/msal-browser").IPublicClientApplication | null = null;
  constructor(private readonly prefs: () => Prefs, private readonly supported: () => boolean) {}

  private async app(): Promise<import("@azure/msal-browser").IPublicClientApplication> {
    if (!this.supported()) throw new Error("NestedAppAuth unsupported");
    if (!this.pca) {
      const { createNestablePublicClientApplication } = await import("@azure/msal-browser");
      this.pca = await createNestablePublicClientApplication({ auth: { clientId: this.prefs().clientId, authority: authority(this.prefs().tenant) } });
    }
    return this.pca;
  }
  private scopes(): string[] { return [this.prefs().scope || `api://${this.prefs().clientId}/access_as_user`]; }

  async signIn(silent = false): Promise<Account> {
    const pca = await this.app();
    const r = await pca.acquireTokenSilent({ scopes: this.scopes() }).catch((e: unknown) => {
      if (silent) throw e;
      return pca.acquireTokenPopup({ scopes: this.scopes() });
    });
    this.account = { user: r.account?.username ?? "", name: r.account?.name ?? r.account?.username ?? "" };
    return this.account;
  }
  signOut(): void { this.account = null; }
  async token(): Promise<string | null> {
    if (!this.account) return null;
    const pca = await this.app();
    const r = await pca.acquireTokenSilent({ scopes: this.scopes() }).catch(() => pca.acquireTokenPopup({ scopes: this.scopes() }));
    return r.accessToken;
  }
}

/** Office's dialog API as the pane uses it (Office.context.ui.displayDialogAsync, DialogApi 1.1). */
export interface OfficeDialogHost {
  /** Opens `url` (same origin as the pane); messages and the close code (12006: closed by the person) come back. */
  open(url: string, onMessage: (message: string) => void, onClosed: (code: number) => void): Promise<{ close(): void }>;
}

/**
 * Sign-in for Office builds without nested app authentication (Office 2021/2024, older Microsoft
 * 365): MSAL's redirect flow in an Office dialog (auth-dialog.html), which sends the token back.
 * The dialog opens only when the clerk clicks Sign in (never at start, where browsers and Office
 * block windows); the token lives in memory until it expires, then the clerk signs in again.
 */
export class DialogAuth implements Auth {
  account: Account | null = null;
  private jwt: { token: string; expiresOn: number } | null = null;
  constructor(private readonly prefs: () => Prefs, private readonly dialog: OfficeDialogHost, private readonly origin: string) {}

  async signIn(silent = false): Promise<Account> {
    if (silent) throw new Error("sign-in needs a click");
    const p = this.prefs();
    const url = dialogUrl(this.origin, { clientId: p.clientId, scope: p.scope || `api://${p.clientId}/access_as_user`, tenant: p.tenant });
    return new Promise<Account>((resolve, reject) => {
      let handle: { close(): void } | null = null;
      let settled = false;
      const done = (f: () => void) => { if (settled) return; settled = true; handle?.close(); f(); };
      this.dialog.open(url, (raw) => {
        const m = parseDialogMessage(raw);
        if (!m) return done(() => reject(new Error("the sign-in window answered something unexpected")));
        if (m.kind === "error") return done(() => reject(new Error(m.message)));
        this.jwt = { token: m.accessToken, expiresOn: m.expiresOn };
        this.account = { user: m.username, name: m.name || m.username };
        done(() => resolve(this.account!));
      }, (code) => done(() => reject(new Error(code === 12006 ? "the sign-in window was closed" : `the sign-in window failed (${code})`))))
        .then((h) => { handle = h; if (settled) h.close(); }, (e: unknown) => done(() => reject(e instanceof Error ? e : new Error(String(e)))));
    });
  }
  signOut(): void { this.jwt = null; this.account = null; }
  async token(): Promise<string | null> {
    if (!this.jwt || this.jwt.expiresOn < Date.now() + 60_000) { this.jwt = null; return null; }
    return this.jwt.token;
  }
}
