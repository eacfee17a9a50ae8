import type { ColumnMapping } from "./mapping.ts";
import type { SheetRead } from "./read.ts";

/**
 * The key a clerk's choice for one entry of the read is saved under, as the reader looks it up
 * (mapColumns: the header's `column`, else its text). A table's is its column letter ("F"); an
 * indicators-as-rows form's is its row ("17"), though the read names the entry by the cell its
 * value sits in ("D17"): a choice saved under "D17" would never be read back.
 */
export function savedMappingKey(read: Pick<SheetRead, "kind">, m: Pick<ColumnMapping, "column">): string {
  if (read.kind !== "form") return m.column;
  const row = /^[A-Z]*(\d+)$/.exec(m.column);
  return row ? row[1]! : m.column;
}
