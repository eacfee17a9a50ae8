import type { Catalog } from "../catalog/catalog.ts";
import { parseCell } from "../parse/number.ts";
import { gradeIndex } from "../workbook/grades.ts";
import type { Cell } from "./merge.ts";

/** What a stored cell means, for comparison: a number, a grade's class, blank, or the unreadable text itself. */
type Meaning = number | string | null;

function meaning(catalog: Catalog, indicator: string, cell: Cell): Meaning {
  if (cell === null) return null;
  const ind = catalog.byCode.get(indicator);
  if (!ind) return typeof cell === "number" ? cell : `t:${cell}`;
  if (ind.type === "grade") {
    const g = typeof cell === "number" ? cell : gradeIndex(ind, cell, catalog.abbreviations);
    return Number.isNaN(g) ? null : g >= 0 ? g : `t:${String(cell).trim()}`;
  }
  const p = parseCell(cell, ind.type, null);
  if (p.kind === "missing") return null;
  if (p.kind === "number") return p.value;
  return `t:${String(cell).trim()}`;
}

/**
 * Equality of two cells of an indicator by value, not by how they were written: "1.716" and
 * 1716 are one value, "-" and a cleared cell are both blank. The merge uses it so that a change of
 * form is no change and a cell set back to its earlier value is not someone else's edit.
 */
export function sameCellValue(catalog: Catalog): (indicator: string, a: Cell, b: Cell) => boolean {
  return (indicator, a, b) => {
    if (a === b) return true;
    // Two numbers mean the same only when they are equal, whatever the indicator's type (a number
    // parses as itself; a grade's number is its class): no parse. A submission compares ~600 such pairs.
    if (typeof a === "number" && typeof b === "number") return Number.isNaN(a) && Number.isNaN(b) && catalog.byCode.has(indicator);
    return meaning(catalog, indicator, a) === meaning(catalog, indicator, b);
  };
}
