import { fold } from "../parse/text.ts";
import type { Indicator } from "./catalog.ts";
import { GROUP_LABELS } from "./groups.ts";
import type { Group } from "./schema.ts";
import type { Lang } from "../model.ts";

/**
 * Finding an indicator by what a clerk types: every word of the query must appear, without regard
 * to diacritics or case, in the label (either language), the code or a header alias ("dang vien
 * ket nap" finds "Số đảng viên kết nạp"). Results come grouped in the catalog's order of groups.
 */
export interface IndicatorGroup { group: string; label: string; indicators: Indicator[] }

export function searchIndicators(indicators: readonly Indicator[], query: string, lang: Lang, limit = 400): IndicatorGroup[] {
  const words = fold(query.slice(0, 100)).split(" ").filter(Boolean);
  const out = new Map<string, IndicatorGroup>();
  let n = 0;
  for (const i of indicators) {
    if (n >= limit) break;
    if (words.length) {
      const hay = fold([i.label.vi, i.label.en, i.code.replace(/[._]/g, " "), ...i.aliases].join(" "));
      if (!words.every((w) => hay.includes(w))) continue;
    }
    let g = out.get(i.group);
    if (!g) { g = { group: i.group, label: GROUP_LABELS[i.group as Group]?.[lang] ?? i.group, indicators: [] }; out.set(i.group, g); }
    g.indicators.push(i);
    n++;
  }
  return [...out.values()];
}
