// Subtotal rows between the units: "Các xã" or "Khối phường" with figures above its units,
// "Cộng khối phường" below them. They are totals of the units they group, never units, and
// never added again into the grand total.
import type { SheetGrid, TableRow } from "../model.ts";
import { fold } from "../parse/text.ts";
import { cellText } from "./layout.ts";

// Folded, numbering stripped. Unit names start with their kind ("Xã …", "Phường …") or the name itself.
const LEADING = /^(cac|khoi|cum) (xa|phuong|thi tran|don vi|dang bo|chi bo|co so|huyen|quan|thi xa|thanh pho)\b/;
const TRAILING = /^(cong|tong|tong cong|tong so|cong chung) (cac|khoi|cum) /;

function folded(label: string): string {
  return fold(label).replace(/^(?:[ivx]+|[0-9]+|[a-d])\.? /, "");
}

/** Whether a row label names a group of units: "leading" above its units, "trailing" below them. */
export function groupRole(label: string): "leading" | "trailing" | null {
  const f = folded(label);
  if (TRAILING.test(f)) return "trailing";
  if (LEADING.test(f)) return "leading";
  return null;
}

/**
 * The units each subtotal row covers (TableRow.covers): a leading one the units below it, a
 * trailing one those above it, up to the next total, subtotal or section heading.
 * `gridRows[i]`: table row i's 0-based grid row, to see the section headings between rows.
 */
export function markSubtotals(grid: SheetGrid, rows: TableRow[], gridRows: readonly number[], labelColumn: number): void {
  if (!rows.some((r) => r.isTotal && groupRole(r.name))) return;
  // A heading between two table rows ("Khối xã" with no figures) closes the group above it.
  const headingBefore = rows.map((_, i) => {
    if (i === 0) return false;
    for (let g = gridRows[i - 1]! + 1; g < gridRows[i]!; g++) if (cellText(grid.values[g]?.[labelColumn])) return true;
    return false;
  });
  rows.forEach((row, i) => {
    const role = row.isTotal ? groupRole(row.name) : null;
    if (!role) return;
    const covers: number[] = [];
    if (role === "leading") {
      for (let k = i + 1; k < rows.length && !rows[k]!.isTotal && !headingBefore[k]; k++) covers.push(k);
    } else {
      for (let k = i - 1; k >= 0 && !rows[k]!.isTotal; k--) { covers.unshift(k); if (headingBefore[k]) break; }
    }
    row.covers = covers;
  });
}
