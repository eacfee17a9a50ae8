import { fold } from "../parse/text.ts";
import type { SavedMapping } from "./mapping.ts";
import type { SheetRead } from "./read.ts";

/**
 * A form's fingerprint: what kind of sheet it is and its header texts (column headers, or row
 * labels of a form), folded, in order. Units that fill in the same form get the same
 * fingerprint, whatever their figures, so a mapping confirmed once serves the whole province.
 */
export function formFingerprint(read: Pick<SheetRead, "kind" | "mapping" | "unmapped" | "earlier">): string {
  const headers = formHeaders(read);
  // FNV-1a, 64 bits: stable in the browser and in Node, no crypto API needed for a label.
  let h = 0xcbf29ce484222325n;
  const text = `${read.kind}\u0001${headers.map((x) => fold(x)).join("\u0001")}`;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `f${h.toString(16).padStart(16, "0")}`;
}

/** The header texts a fingerprint is made of, in the sheet's order. */
export function formHeaders(read: Pick<SheetRead, "mapping" | "unmapped" | "earlier">): string[] {
  const seen = new Set<string>();
  return [...read.mapping, ...read.unmapped, ...read.earlier]
    .sort((a, b) => a.index - b.index)
    .map((m) => m.header)
    .filter((h) => (seen.has(h) ? false : (seen.add(h), true)));
}

/**
 * A clerk's saved mapping (keyed by column letter or header) as one the province can share:
 * keyed by header text, so it applies to another unit's copy of the form whatever its columns.
 */
export function shareableMapping(read: Pick<SheetRead, "mapping" | "unmapped" | "earlier">, saved: SavedMapping): SavedMapping {
  const out: SavedMapping = {};
  for (const m of [...read.mapping, ...read.unmapped, ...read.earlier]) {
    const choice = m.column in saved ? saved[m.column] : m.header in saved ? saved[m.header] : undefined;
    if (choice !== undefined) out[m.header] = choice;
  }
  return out;
}
