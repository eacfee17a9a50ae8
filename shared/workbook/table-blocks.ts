// The table-block stage: a sheet may hold several tables one below the other ("Biểu 01", then
// "Biểu 02" with its own header and total). Each block is cut out as a grid of its own, with
// its sheet coordinates kept, so every later stage reads one table at a time.
import type { SheetGrid } from "../model.ts";
import { fold } from "../parse/text.ts";
import { cellText, type SheetLayout } from "./layout.ts";

export interface TableBlock {
  /** 0-based grid rows [top, bottom) of the block. */
  top: number;
  bottom: number;
  /** The block's own title ("Biểu 02 …"), when it has one. */
  title: string | null;
}

/** "Biểu 01", "Biểu số 2", "Biểu mẫu số 02a": the line that opens a table of a report. */
function blockMarker(text: string): boolean {
  return /^bieu (mau )?(so )?[0-9]{1,3}[a-z]?\b/.test(fold(text));
}

function markerOf(row: SheetGrid["values"][number] | undefined): string | null {
  if (!row) return null;
  for (let c = 0; c < Math.min(4, row.length); c++) {
    const v = row[c];
    // Most cells are figures or names: only text starting like "Biểu" is folded.
    if (typeof v === "string" && /^\s*bi/i.test(v) && blockMarker(v)) return v.trim();
  }
  return null;
}

/**
 * The sheet's table blocks, top first; one block (the whole sheet) when it holds one table.
 * A block opens at a "Biểu NN" line when the sheet has two or more, or else where the first
 * table's unit-column header ("Đơn vị", "Tên xã") stands again below its figures.
 */
export function tableBlocks(grid: SheetGrid, layout: SheetLayout): TableBlock[] {
  const V = grid.values;
  const whole: TableBlock[] = [{ top: 0, bottom: V.length, title: null }];
  const markers: { row: number; title: string }[] = [];
  for (let r = 0; r < V.length; r++) { const m = markerOf(V[r]); if (m) markers.push({ row: r, title: m }); }
  if (markers.length >= 2) {
    return markers.map((m, i) => ({ top: i === 0 ? 0 : m.row, bottom: markers[i + 1]?.row ?? V.length, title: m.title }));
  }
  if (layout.dataRows.length === 0) return whole;
  const top = layout.headerRows[0]!;
  const head = fold(cellText(V[top]?.[layout.unitColumn]));
  if (!head) return whole;
  const starts: number[] = [];
  for (const r of layout.dataRows) {
    if (r <= top || fold(cellText(V[r]?.[layout.unitColumn])) !== head) continue;
    // The repeated header's own title lines above it belong to the new block.
    let s = r;
    while (s - 1 > (starts[starts.length - 1] ?? top) && isTitleOnly(V[s - 1])) s--;
    starts.push(s);
  }
  if (!starts.length) return whole;
  const tops = [0, ...starts];
  return tops.map((t, i) => ({ top: t, bottom: tops[i + 1] ?? V.length, title: i === 0 ? markers[0]?.title ?? null : markerOf(V[t]) }));
}

/** A line of words alone (a title), no figures. */
function isTitleOnly(row: SheetGrid["values"][number] | undefined): boolean {
  const cells = (row ?? []).map(cellText).filter(Boolean);
  return cells.length > 0 && cells.length <= 2 && cells.every((t) => !/^[0-9.,%\s-]+$/.test(t));
}

/** A block as a grid of its own: the same sheet coordinates, merges and hidden rows within it. */
export function blockGrid(grid: SheetGrid, b: TableBlock): SheetGrid {
  const shift = (r: number) => r - b.top;
  const inside = (r: number) => r >= b.top && r < b.bottom;
  const out: SheetGrid = {
    name: grid.name,
    values: grid.values.slice(b.top, b.bottom),
    origin: { row: (grid.origin?.row ?? 0) + b.top, col: grid.origin?.col ?? 0 },
  };
  if (grid.formats) out.formats = grid.formats.slice(b.top, b.bottom);
  if (grid.merges) out.merges = grid.merges.filter((m) => inside(m.top) && inside(m.bottom)).map((m) => ({ ...m, top: shift(m.top), bottom: shift(m.bottom) }));
  if (grid.hiddenRows) out.hiddenRows = grid.hiddenRows.filter(inside).map(shift);
  if (grid.hiddenColumns) out.hiddenColumns = grid.hiddenColumns;
  return out;
}
