import type { Lang } from "../../shared/index.ts";
import { VI, type StringKey } from "./i18n-vi.ts";

export type { StringKey };

const TABLES: Partial<Record<Lang, Record<StringKey, string>>> = { vi: VI };

/**
 * Makes `lang`'s words available to `t`. Vietnamese is in the pane's first load; English is
 * fetched when first needed, so a Vietnamese clerk's pane does not carry it. Until it arrives,
 * `t` answers in Vietnamese.
 */
export async function loadLang(lang: Lang): Promise<void> {
  if (lang === "en" && !TABLES.en) TABLES.en = (await import("./i18n-en.ts")).EN;
}

export function langLoaded(lang: Lang): boolean { return TABLES[lang] !== undefined; }

/**
 * `{name}` is replaced by the parameter; `{name:one|other}` by the number and the word in the
 * form the language's plural rules choose ("1 error", "2 errors"). Vietnamese has no plural
 * forms, so its strings use plain `{name}` with the noun after it.
 */
export function t(lang: Lang, key: StringKey, params: Record<string, string | number> = {}): string {
  const rules = new Intl.PluralRules(lang === "vi" ? "vi-VN" : "en-US");
  return (TABLES[lang] ?? VI)[key].replace(/\{(\w+)(?::([^|}]*)\|([^}]*))?\}/g, (_, k: string, one?: string, other?: string) => {
    const v = params[k];
    if (v === undefined) return `{${k}}`;
    if (one === undefined || other === undefined) return String(v);
    const n = Number(v);
    return `${v} ${rules.select(n) === "one" ? one : other}`;
  });
}

/** Office reports "vi-VN", "en-US"…; anything not Vietnamese gets English. */
export function langFromOffice(displayLanguage: string | undefined): Lang {
  return (displayLanguage ?? "vi").toLowerCase().startsWith("vi") ? "vi" : "en";
}
