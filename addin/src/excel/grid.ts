import type { CellValue, SheetGrid } from "../../../shared/index.ts";
import { parseA1 } from "../../../shared/index.ts";

/** "'Báo cáo'!B3:K40" → sheet name and the 0-based origin of the range. */
export function splitAddress(address: string): { sheet: string; origin: { row: number; col: number } } {
  const bang = address.lastIndexOf("!");
  const rawSheet = bang >= 0 ? address.slice(0, bang) : "";
  const sheet = rawSheet.startsWith("'") ? rawSheet.slice(1, -1).replace(/''/g, "'") : rawSheet;
  const first = address.slice(bang + 1).split(":")[0]!;
  const p = parseA1(first);
  return { sheet, origin: p ? { row: p.row - 1, col: p.col } : { row: 0, col: 0 } };
}

/** A sheet name as a formula or hyperlink reference needs it. */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Office.js hands empty cells over as ""; the core reads null as empty. */
function cell(v: unknown): CellValue {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

/**
 * The used range as the core's SheetGrid: values, number formats, where it starts, and the rows
 * and columns hidden in it (0-based within the range, as the CLI gives them from the file).
 */
export function toSheetGrid(name: string, address: string, values: unknown[][], formats: unknown[][], hidden: { rows: readonly number[]; columns: readonly number[] }): SheetGrid {
  const { origin } = splitAddress(address);
  return {
    name,
    values: values.map((row) => row.map(cell)),
    formats: formats.map((row) => row.map((f) => (typeof f === "string" ? f : null))),
    origin,
    hiddenRows: [...hidden.rows],
    hiddenColumns: [...hidden.columns],
  };
}
