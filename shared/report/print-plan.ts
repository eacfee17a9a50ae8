import type { Lang } from "../model.ts";

/**
 * How a wide report sheet prints so that a person can read it: fitting 38 indicator columns to
 * one A4 width prints them at about 4 pt, so when fitting would shrink the text below 8 pt the
 * sheet prints as groups of columns instead, one page width each, cut at the catalog group
 * boundaries, the unit column repeated on every page (print titles) and the header rows too.
 * Every host writes the same plan (exceljs in the CLI, Office.js in the pane).
 */
export const MIN_PRINTED_PT = 8;
/** The sheets' body text (Excel's default). */
export const BODY_PT = 11;

/** Printable width in points of A4 (595 × 842 pt) less the margins the sheets set (0.4 in each side). */
const MARGIN_PT = 0.4 * 72;
const PRINTABLE_PT = { landscape: 842 - 2 * MARGIN_PT, portrait: 595 - 2 * MARGIN_PT } as const;

/** A column `chars` wide (Excel's unit: digits of the default font) in points: 7 px a digit plus 5 px padding, at 96 px an inch. */
export const columnPoints = (chars: number): number => ((chars * 7 + 5) * 72) / 96;

export interface PrintInput {
  /** Column widths in characters, every column of the sheet. */
  widths: readonly number[];
  /** Columns hidden from print (machine columns such as codes): they take no width. */
  hidden?: readonly number[];
  /** Groups of columns that belong together (catalog groups), 0-based and inclusive. */
  groups?: readonly { from: number; to: number }[];
  /** How many leading columns name the row (the unit): repeated on every page across. */
  lead: number;
  /** The rows repeated at the top of every page, 0-based and inclusive. */
  repeatRows: [number, number];
  orientation: "landscape" | "portrait";
}

export interface PrintPlan {
  orientation: "landscape" | "portrait";
  paper: "A4";
  /** Fit all columns to one page width (when that keeps the text at 8 pt or more); else print at `scale`. */
  fitToWidth: boolean;
  /** Percent the sheet prints at when not fitted. */
  scale: number;
  /** The text's printed size in points at that fit or scale (never below MIN_PRINTED_PT). */
  printedPt: number;
  /** 0-based columns that start a new page across (a group of columns), in order. */
  columnBreaks: number[];
  /** Columns repeated on every page across (print titles), 0-based inclusive; null when none. */
  repeatColumns: [number, number] | null;
  repeatRows: [number, number];
  /** Footer with the sheet's name and "Trang 2/5" (&P, &N as Excel and exceljs write them). */
  footer: string;
}

const FOOTER: Record<Lang, string> = { vi: "&L&A&RTrang &P/&N", en: "&L&A&RPage &P of &N" };

/**
 * A footer in the file's one-string form ("&L…&C…&R…", as exceljs writes it) as the three
 * sections Office.js sets one by one (HeaderFooter.leftFooter, centerFooter, rightFooter).
 */
export function footerSections(footer: string): { left: string; center: string; right: string } {
  const out = { left: "", center: "", right: "" };
  let at: keyof typeof out = "center";
  for (const part of footer.split(/(&[LCR])/)) {
    if (part === "&L") at = "left"; else if (part === "&C") at = "center"; else if (part === "&R") at = "right"; else out[at] += part;
  }
  return out;
}

export function planPrint(input: PrintInput, lang: Lang): PrintPlan {
  const hidden = new Set(input.hidden ?? []);
  const pts = input.widths.map((w, c) => (hidden.has(c) ? 0 : columnPoints(w)));
  const page = PRINTABLE_PT[input.orientation];
  const total = pts.reduce((a, b) => a + b, 0);
  const base = { orientation: input.orientation, paper: "A4" as const, repeatRows: input.repeatRows, footer: FOOTER[lang] };
  const fitted = Math.min(1, page / total);
  if (fitted * BODY_PT >= MIN_PRINTED_PT) {
    return { ...base, fitToWidth: true, scale: Math.floor(fitted * 100), printedPt: round1(fitted * BODY_PT), columnBreaks: [], repeatColumns: null };
  }
  // Groups of columns across pages, the lead columns repeated on each.
  const lead = pts.slice(0, input.lead).reduce((a, b) => a + b, 0);
  const room = page - lead;
  const bounds = groupsFrom(input.widths.length, input.lead, input.groups ?? []);
  const breaks: number[] = [];
  let used = 0;
  let widest = 0;
  for (const g of bounds) {
    const w = pts.slice(g.from, g.to + 1).reduce((a, b) => a + b, 0);
    if (w <= room) {
      if (used > 0 && used + w > room) { breaks.push(g.from); widest = Math.max(widest, used); used = 0; }
      used += w;
      continue;
    }
    // A group wider than a page is cut between its own columns.
    for (let c = g.from; c <= g.to; c++) {
      if (used > 0 && used + pts[c]! > room) { breaks.push(c); widest = Math.max(widest, used); used = 0; }
      used += pts[c]!;
    }
  }
  widest = Math.max(widest, used);
  // The widest page of groups at 100%; a single column wider than a page shrinks, never below 8 pt.
  const scale = Math.max(Math.ceil((MIN_PRINTED_PT / BODY_PT) * 100), Math.min(100, Math.floor((page / (lead + widest)) * 100)));
  return { ...base, fitToWidth: false, scale, printedPt: round1((scale / 100) * BODY_PT), columnBreaks: breaks.filter((b) => b > input.lead), repeatColumns: input.lead > 0 ? [0, input.lead - 1] : null };
}

/** Portrait when the sheet fits one portrait width at 8 pt or more, else the landscape plan. */
export function planPrintUpright(input: Omit<PrintInput, "orientation">, lang: Lang): PrintPlan {
  const portrait = planPrint({ ...input, orientation: "portrait" }, lang);
  return portrait.fitToWidth ? portrait : planPrint({ ...input, orientation: "landscape" }, lang);
}

const round1 = (x: number) => Math.floor(x * 10) / 10;

/** The groups after the lead columns, every column in exactly one (a column outside the given groups is its own). */
function groupsFrom(width: number, lead: number, groups: readonly { from: number; to: number }[]): { from: number; to: number }[] {
  const out: { from: number; to: number }[] = [];
  let c = lead;
  const sorted = [...groups].filter((g) => g.to >= lead).sort((a, b) => a.from - b.from);
  for (const g of sorted) {
    for (; c < Math.max(g.from, lead); c++) out.push({ from: c, to: c });
    if (g.to >= c) { out.push({ from: c, to: g.to }); c = g.to + 1; }
  }
  for (; c < width; c++) out.push({ from: c, to: c });
  return out;
}

/**
 * The height in points a header row needs so that no label is clipped: its longest label wrapped
 * to its column's width (a word that does not fit is broken where Excel breaks it), one line at
 * 15 pt each.
 */
export function headerHeight(labels: readonly string[], widths: readonly number[], pt = BODY_PT): number {
  let lines = 1;
  labels.forEach((label, c) => {
    const w = Math.max(1, Math.floor((widths[c] ?? 10) - 1));
    let n = 1, line = 0;
    for (const word of label.split(/\s+/u).filter(Boolean)) {
      const len = [...word].length;
      if (line === 0) { n += Math.floor((len - 1) / w); line = ((len - 1) % w) + 1; continue; }
      if (line + 1 + len <= w) line += 1 + len;
      else { n += 1 + Math.floor((len - 1) / w); line = ((len - 1) % w) + 1; }
    }
    lines = Math.max(lines, n);
  });
  return Math.ceil(lines * pt * 1.36);
}
