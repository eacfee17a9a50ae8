import type { Prefs } from "./prefs.ts";

/**
 * Sign-in. With Entra ID, MSAL's nested app authentication (the Office host brokers the token,
 * no popup where it is supported); on the local stack, a token from the dev issuer, which the
 * task pane's dev server mints for a test account (it holds the same key as the functions host).
 * Tokens live in memory only.
 */
export interface Account { user: string; name: string }

export interface Auth {
  readonly account: Account | null;
  signIn(): Promise<Account>;
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

  async signIn(): Promise<Account> {
    const pca = await this.app();
    const r = await pca.acquireTokenSilent({ scopes: this.scopes() }).catch(() => pca.acquireTokenPopup({ scopes: this.scopes() }));
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
