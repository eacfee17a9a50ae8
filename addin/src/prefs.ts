import type { Lang } from "../../shared/index.ts";

/**
 * Per-person preferences (not per workbook): the server address, sign-in method, test account
 * and language, in the pane's local storage. Tokens are never stored here.
 */
export interface Prefs {
  server: string;
  method: "naa" | "dev";
  devUser: string;
  lang: Lang | "auto";
  /** Entra ID app registration for nested app authentication (from the deployment's config.json). */
  clientId: string;
  scope: string;
  /** Directory (tenant) ID or domain for a tenant-specific authority; empty: "organizations". */
  tenant: string;
  /** The first-run explanation was read or skipped. */
  seenIntro: boolean;
}

const KEY = "htct.prefs";

export type PrefStorage = Pick<Storage, "getItem" | "setItem">;

/**
 * The pane's storage. Where the browser blocks third-party storage (Excel on the web in some
 * browsers) merely reading `localStorage` throws; the pane then keeps preferences in memory for
 * the session instead of showing a blank pane. Keys carry Office's partition key where there is
 * one, as Office asks, so two add-in instances (or tenants) in one browser do not share them.
 */
export function paneStorage(partitionKey?: string | null, get: () => Storage | null | undefined = () => globalThis.localStorage): PrefStorage {
  const prefix = partitionKey ? `${partitionKey}/` : "";
  let store: PrefStorage | null = null;
  try {
    const s = get();
    if (s) { s.getItem(prefix + KEY); store = s; }
  } catch {
    store = null;
  }
  const memory = new Map<string, string>();
  return {
    getItem: (k) => {
      if (memory.has(k) || !store) return memory.get(k) ?? null;
      try { return store.getItem(prefix + k); } catch { return null; }
    },
    setItem: (k, v) => { try { if (store) { store.setItem(prefix + k, v); return; } } catch { /* quota or blocked: keep it for the session */ } memory.set(k, v); },
  };
}
const DEFAULTS: Prefs = { server: "", method: "dev", devUser: "clerk-BTH-HTN", lang: "auto", clientId: "", scope: "", tenant: "", seenIntro: false };

export function loadPrefs(storage: Pick<Storage, "getItem"> | null = paneStorage()): Prefs {
  try {
    const raw = storage?.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (!parsed || typeof parsed !== "object") return { ...DEFAULTS };
    const p = parsed as Record<string, unknown>;
    const str = (k: keyof Prefs) => (typeof p[k] === "string" ? (p[k] as string) : (DEFAULTS[k] as string));
    return {
      server: str("server"),
      method: p.method === "naa" ? "naa" : "dev",
      devUser: str("devUser"),
      lang: p.lang === "vi" || p.lang === "en" ? p.lang : "auto",
      clientId: str("clientId"),
      scope: str("scope"),
      seenIntro: p.seenIntro === true,
      tenant: /^([0-9a-f-]{36}|[a-z0-9-]+(\.[a-z0-9-]+)+)?$/i.test(str("tenant")) ? str("tenant") : "",
    };
  } catch {
    return { ...DEFAULTS };
  }
}

export function savePrefs(prefs: Prefs, storage: Pick<Storage, "setItem"> | null = paneStorage()): void {
  try { storage?.setItem(KEY, JSON.stringify(prefs)); } catch { /* blocked storage: the session keeps them */ }
}

/**
 * The server address as the pane uses it: an origin, "https://" added where the clerk typed only
 * the name ("htct.example.org", which fetch would otherwise take for a path on the pane's own
 * server and answer 404), no trailing slash. "" stays "" (the pane's own server). null when it is
 * no web address at all, so the clerk is told instead of the pane failing later.
 */
export function normaliseServer(typed: string): string | null {
  const text = typed.trim();
  if (!text) return "";
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  let url: URL;
  try { url = new URL(withScheme); } catch { return null; }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || !url.hostname || /\s/.test(text) || url.search || url.hash) return null;
  const path = url.pathname.replace(/\/+$/, "");
  return `${url.origin}${path}`;
}
