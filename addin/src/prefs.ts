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
}

const KEY = "htct.prefs";
const DEFAULTS: Prefs = { server: "", method: "dev", devUser: "clerk-BTH-HTN", lang: "auto", clientId: "", scope: "" };

export function loadPrefs(storage: Pick<Storage, "getItem"> | null = globalThis.localStorage ?? null): Prefs {
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
    };
  } catch {
    return { ...DEFAULTS };
  }
}

export function savePrefs(prefs: Prefs, storage: Pick<Storage, "setItem"> | null = globalThis.localStorage ?? null): void {
  storage?.setItem(KEY, JSON.stringify(prefs));
}
