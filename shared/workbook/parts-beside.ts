// Parts beside their whole in a header band: "Số thôn, tổ dân phố | Tổng số | Trong đó: Số thôn",
// "Tổng số đảng viên | Trong đó nữ", "Đảng viên | Tổng số | Nữ". Which column is the whole, which
// are its parts, and what each part's header says once "Trong đó" is read.
import { fold } from "../parse/text.ts";
import { measureUnit, parseRowLabel, valueRole } from "./labels.ts";
import type { HeaderInput } from "./mapping.ts";

export interface Beside {
  /** The header index of the whole. */
  whole: number;
  /** The header says "Trong đó" (or "Chia ra", "Gồm"): a part by its own word. */
  said: boolean;
}

export interface PartsLayout {
  /** Header parts with "Trong đó" read off (a part that is only "Trong đó" dropped). */
  parts: Map<number, string[]>;
  beside: Map<number, Beside>;
  /** A whole column's group alone names the whole ("Số thôn, tổ dân phố" over "Tổng số"). */
  wholeGroup: Map<number, string[]>;
}

const WHOLE_WORDS = new Set(["tong so", "tong", "tong cong", "cong", "chung", "tong so chung", "so luong", "sl"]);

function readOff(parts: string[]): { parts: string[]; said: boolean } {
  let said = false;
  const out: string[] = [];
  for (const p of parts) {
    const l = parseRowLabel(p);
    if (!l.partOf) { out.push(p); continue; }
    said = true;
    if (l.text) out.push(l.text);
  }
  return { parts: out.length ? out : parts, said };
}

const isRate = (p: string) => measureUnit(p) === "rate" || valueRole(p) === "rate" || /^ty le\b/.test(fold(p));
const key = (parts: string[]) => parts.join("\u0001");

export function partsBeside(headers: readonly HeaderInput[]): PartsLayout {
  const sorted = [...headers].sort((a, b) => a.index - b.index);
  const read = new Map(sorted.map((h) => [h.index, readOff(h.parts)] as const));
  const layout: PartsLayout = { parts: new Map(), beside: new Map(), wholeGroup: new Map() };
  for (const [i, r] of read) if (r.said) layout.parts.set(i, r.parts);
  const known = new Set(sorted.map((h) => h.index));
  // The reader knows it (a form's "- Trong đó:" row under its whole).
  for (const h of sorted) if (h.partOf !== undefined && known.has(h.partOf)) layout.beside.set(h.index, { whole: h.partOf, said: true });
  // Siblings under one group: a "Tổng số" column and the columns right of it.
  for (let k = 0; k < sorted.length;) {
    const ps = read.get(sorted[k]!.index)!.parts;
    const group = ps.length >= 2 ? key(ps.slice(0, -1)) : null;
    let end = k + 1;
    while (group !== null && end < sorted.length) {
      const q = read.get(sorted[end]!.index)!.parts;
      if (q.length < 2 || key(q.slice(0, -1)) !== group) break;
      end++;
    }
    if (group !== null && end - k >= 2) {
      let whole: number | null = null;
      for (let j = k; j < end; j++) {
        const h = sorted[j]!;
        const r = read.get(h.index)!;
        const leaf = r.parts[r.parts.length - 1]!;
        if (whole === null) {
          if (WHOLE_WORDS.has(fold(leaf))) { whole = h.index; layout.wholeGroup.set(h.index, r.parts.slice(0, -1)); }
          continue;
        }
        if (!isRate(leaf) && !layout.beside.has(h.index)) layout.beside.set(h.index, { whole, said: r.said });
      }
    }
    k = end;
  }
  // "Trong đó …" with no sibling whole: the column whose header is its group, else the nearest
  // column to its left that is no part itself.
  for (let k = 0; k < sorted.length; k++) {
    const h = sorted[k]!;
    const r = read.get(h.index)!;
    if (!r.said || layout.beside.has(h.index) || isRate(r.parts[r.parts.length - 1]!)) continue;
    const group = r.parts.length >= 2 ? key(r.parts.slice(0, -1)) : null;
    let whole: number | null = null;
    for (let j = k - 1; j >= 0 && whole === null; j--) if (group !== null && key(read.get(sorted[j]!.index)!.parts) === group) whole = sorted[j]!.index;
    for (let j = k - 1; j >= 0 && whole === null; j--) if (!read.get(sorted[j]!.index)!.said) whole = sorted[j]!.index;
    if (whole !== null) layout.beside.set(h.index, { whole, said: true });
  }
  return layout;
}
