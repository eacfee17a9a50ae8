// Indicators as rows (a transposed table or a one-unit form): the row labels with their
// numbering, section and "Trong đó" part-of context, as header inputs for the mapping.
import { cellText } from "./layout.ts";
import { isNumberingCell, isTitleText, measureUnit, parseRowLabel } from "./labels.ts";
import { valueKindOf, type HeaderInput } from "./mapping.ts";
import type { RowsLayout } from "./orient.ts";
import type { ReadCtx } from "./read-types.ts";

/** An STT cell as the numbering it stands for: 1 → "1.", I → "I.", a → "a)", "-" stays. */
function numbered(serial: string): string {
  const t = serial.trim().replace(/[.)]$/, "");
  if (/^[-+*•]$/.test(t)) return t;
  if (/^[a-zđ]$/.test(t)) return `${t})`;
  if (/^[0-9]{1,2}(\.[0-9]{1,2})+$/.test(t)) return t;
  return `${t}.`;
}

/**
 * Row labels are read with their numbering and "Trong đó" part-of relations, so "- Trong đó:
 * nữ" under "Tổng số đảng viên" means the women members, not a second unit.
 */
export function rowLabels(ctx: ReadCtx, rl: RowsLayout, kind: "transposed" | "form"): { labels: HeaderInput[]; valueCols: number[] } {
  const { grid, hiddenRows, hiddenCols } = ctx;
  const V = grid.values;
  const rowOffset = (grid.origin?.row ?? 0) + 1;
  // Label rows with their context: the section heading above, the row a "trong đó" row is part of.
  const labels: HeaderInput[] = [];
  let section: string | null = null;
  const stack: { depth: number; text: string; row?: number }[] = [];
  const valueCols = rl.valueColumns.filter((c) => { if (hiddenCols.has(c)) { ctx.skippedCols.add(c); return false; } return true; });
  for (const r of rl.bodyRows) {
    const raw = cellText(V[r]?.[rl.labelColumn]);
    if (!raw) continue;
    // The numbering often stands in its own STT column left of the label.
    const serial = rl.labelColumn > 0 ? cellText(V[r]?.[rl.labelColumn - 1]) : "";
    const label = parseRowLabel(serial && isNumberingCell(serial) && parseRowLabel(raw).depth < 0 ? `${numbered(serial)} ${raw}` : raw);
    const hasValue = valueCols.some((c) => cellText(V[r]?.[c]) !== "");
    if (hiddenRows.has(r)) { if (hasValue) ctx.skippedRows.add(r); continue; }
    if (!hasValue && (label.depth === 0 || isTitleText(raw) || label.depth < 0)) {
      // A section heading ("I. Tổ chức đảng") or a heading without figures gives context only.
      if (label.depth <= 0) { section = label.text; stack.length = 0; }
      else stack.push({ depth: label.depth, text: label.text });
      continue;
    }
    const depth = label.partOf ? (stack[stack.length - 1]?.depth ?? 0) + 1 : label.depth < 0 ? 1 : label.depth;
    while (stack.length && stack[stack.length - 1]!.depth >= depth) stack.pop();
    const parent = stack[stack.length - 1];
    const parts: string[] = [];
    if (label.partOf && parent) parts.push(parent.text);
    else if (parent && depth >= 2) parts.push(parent.text);
    else if (section) parts.push(section);
    parts.push(label.text || raw);
    // The "Đơn vị tính" cell says rate ("%") or count ("người", "chi bộ"); it is not part of the name.
    const uom = rl.unitOfMeasureColumn !== null ? cellText(V[r]?.[rl.unitOfMeasureColumn]) : "";
    stack.push({ depth, text: label.text, row: r });
    const sample = valueCols.map((c) => V[r]?.[c]);
    const valueKind = uom ? (measureUnit(uom) === "rate" ? "rate" : "count") : kind === "transposed" ? valueKindOf(sample) : undefined;
    const input: HeaderInput = { index: r, column: String(r + rowOffset), parts, valueKind };
    // "- Trong đó: nữ" under a row with figures is a part of that row's indicator, never it.
    if (label.partOf && parent?.row !== undefined) input.partOf = parent.row;
    labels.push(input);
  }
  return { labels, valueCols };
}
