// Which table of a sheet an issue belongs to, when the sheet holds several: the issue list says
// "Biểu 02" (the table's own name), or "bảng 2" when it has no title line.
import type { Issue, IssueTable, Lang } from "../model.ts";

/** "Biểu 02", "Biểu số 2", "Biểu mẫu số 02a" at the start of a title line: the table's short name. */
const SHORT = /^\s*(bi[eêể]u\s+(?:m[aẫ]u\s+)?(?:s[oố]\s+)?[0-9]{1,3}[a-z]?)\b/iu;

/** Table `index` (1-based) of a sheet as messages name it. */
export function issueTable(index: number, title: string | null, lang: Lang): IssueTable {
  const short = title ? SHORT.exec(title.normalize("NFC"))?.[1] : undefined;
  return { index, title, label: short ?? (lang === "vi" ? `bảng ${index}` : `table ${index}`) };
}

interface Blocks { sheet: string; blocks?: readonly { title: string | null; firstRow: number; lastRow: number }[] }

/** The 1-based sheet row of an A1 address ("D12" → 12), or null. */
function rowOf(cell: string | undefined): number | null {
  const m = cell ? /^[A-Z]+([0-9]+)$/.exec(cell) : null;
  return m ? Number(m[1]) : null;
}

/**
 * Each issue of a sheet of several tables named with the table its cells are in. Issues
 * already named (the reader's, table by table) and those about the whole sheet are left as they are.
 */
export function nameTables(reads: readonly Blocks[], issues: Issue[], lang: Lang): Issue[] {
  const ranges = new Map<string, { from: number; to: number; table: IssueTable }[]>();
  for (const r of reads) {
    if (!r.blocks || r.blocks.length < 2) continue;
    ranges.set(r.sheet, r.blocks.map((b, i) => ({ from: b.firstRow, to: b.lastRow, table: issueTable(i + 1, b.title, lang) })));
  }
  if (!ranges.size) return issues;
  for (const i of issues) {
    if (i.table) continue;
    const list = ranges.get(i.sheet);
    if (!list || !i.cells.length) continue;
    // Named only when every cell is in one table: a notice over cells of two tables is the sheet's.
    const rows = i.cells.map(rowOf);
    const hit = rows[0] === null ? undefined : list.find((b) => rows[0]! >= b.from && rows[0]! <= b.to);
    if (hit && rows.every((r) => r !== null && r >= hit.from && r <= hit.to)) i.table = hit.table;
  }
  return issues;
}
