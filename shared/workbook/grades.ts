// Grades as clerks write them ("Tốt", "tot", "HTTNV", "Hoàn thành tốt nhiệm vụ") to class indexes.
import type { Indicator } from "../catalog/catalog.ts";
import type { CellValue } from "../model.ts";
import { fold, foldExpand } from "../parse/text.ts";
import { cellText } from "./layout.ts";
import { ReaderMemo } from "./reader-memo.ts";

function gradeLookup(ind: Indicator): Map<string, number> {
  const lookup = new Map<string, number>();
  (ind.classes ?? []).forEach((c, i) => {
    for (const name of [fold(c.label.vi), c.code, ...c.aliases]) if (!lookup.has(name)) lookup.set(name, i);
  });
  return lookup;
}

/**
 * A grade as written to its class index; NaN when blank, −1 when unknown. `memo` keeps each
 * indicator's lookup between calls (the reader passes its own; without one a memo is made).
 */
export function gradeIndex(ind: Indicator, raw: CellValue, abbreviations: Record<string, string>, memo: ReaderMemo = new ReaderMemo()): number {
  const f = fold(cellText(raw));
  if (!f) return NaN;
  const lookup = memo.grades(ind, () => gradeLookup(ind));
  return lookup.get(f) ?? lookup.get(foldExpand(f, abbreviations)) ?? -1;
}
