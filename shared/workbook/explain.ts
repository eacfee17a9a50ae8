import type { Catalog } from "../catalog/catalog.ts";
import type { Lang } from "../model.ts";
import type { ColumnMapping } from "./mapping.ts";

/**
 * Why a column was given its indicator, in a sentence the pane and the CLI show: the header's own
 * words, the group above them, the unit of measure, the period, the values, the neighbour, and
 * the best other reading.
 */
export function explainMapping(m: ColumnMapping, catalog: Catalog, lang: Lang): string {
  const vi = lang === "vi";
  const name = (code: string | null | undefined) => (code ? catalog.byCode.get(code)?.label[lang] ?? code : "");
  if (m.source === "saved") return vi ? "Theo ánh xạ đã lưu." : "From the saved mapping.";
  const e = m.evidence;
  const why: string[] = [];
  if (e?.name) why.push(vi ? `tên "${e.name}"` : `the name "${e.name}"`);
  if (e?.group) why.push(vi ? `nhóm "${e.group}"` : `the group "${e.group}"`);
  if (e?.unit) why.push(vi ? `đơn vị ${e.unit === "rate" ? "%" : "số lượng"}` : `the unit ${e.unit === "rate" ? "%" : "count"}`);
  if (e?.values) why.push(vi ? `số liệu dạng ${e.values === "rate" ? "tỷ lệ" : "số đếm"}` : `values that look like ${e.values === "rate" ? "rates" : "counts"}`);
  if (e?.period) why.push(vi ? `kỳ ${e.period}` : `period ${e.period}`);
  // A form's count is a cell ("D6"), a transposed table's a row ("11"), a table's a column ("C").
  const place = (where: string) => /^[A-Z]+[0-9]+$/.test(where) ? (vi ? `ô ${where}` : `cell ${where}`)
    : /^[0-9]+$/.test(where) ? (vi ? `dòng ${where}` : `row ${where}`) : vi ? `cột ${where}` : `column ${where}`;
  if (e?.partOf) why.push(vi ? `phần của ${place(e.partOf.column)} (${name(e.partOf.indicator)})` : `a part of ${place(e.partOf.column)} (${name(e.partOf.indicator)})`);
  if (e?.neighbour) why.push(vi ? `tỷ lệ của ${place(e.neighbour)} bên cạnh` : `the rate of ${place(e.neighbour)} beside it`);
  const pct = Math.round(m.confidence * 100);
  const head = m.indicator
    ? (vi ? `"${name(m.indicator)}" (${pct}%)` : `"${name(m.indicator)}" (${pct}%)`)
    : (vi ? `chưa gán (${pct}%)` : `not mapped (${pct}%)`);
  const basis = why.length ? (vi ? `, theo ${why.join(", ")}` : `, from ${why.join(", ")}`) : "";
  const other = m.runnerUp && m.runnerUp !== m.indicator
    ? (vi ? `; phương án khác: "${name(m.runnerUp)}" (${Math.round((m.runnerUpScore ?? 0) * 100)}%)` : `; next best: "${name(m.runnerUp)}" (${Math.round((m.runnerUpScore ?? 0) * 100)}%)`)
    : "";
  return `${head}${basis}${other}.`;
}
