import type { Issue, Lang, ReportTable, Severity } from "../model.ts";

/**
 * One issue per cause. Hosts gather the reader's and the validator's issues of every sheet and
 * pass them through here: a total that disagrees only because a unit's cell could not be read
 * goes under that cell's issue, and "required indicator missing" stands only when no sheet of
 * the workbook has the indicator.
 */
export function groupByCause(issues: readonly Issue[], lang: Lang = "vi"): Issue[] {
  const byCell = new Map<string, Issue>();
  for (const i of issues) if (i.cells[0] && !i.causedBy) byCell.set(`${i.sheet}!${i.cells[0]}`, i);
  const out: Issue[] = [];
  const merged = new Map<Issue, Issue>();
  for (const i of issues) {
    const cause = i.causedBy?.map((c) => byCell.get(`${i.sheet}!${c}`)).find(Boolean);
    if (!cause) { out.push(merged.get(i) ?? i); continue; }
    let target = merged.get(cause);
    if (!target) {
      target = { ...cause, cells: [...cause.cells] };
      merged.set(cause, target);
      const at = out.indexOf(cause);
      if (at >= 0) out[at] = target;
    }
    for (const c of i.cells) if (!target.cells.includes(c)) target.cells.push(c);
    // On a transposed table the total is a column, and its own message says so ("Cột "Toàn huyện"…").
    const column = /^(Cột|Column) "/.test(i.message);
    const also = lang === "vi" ? ` Vì vậy ${column ? "cột" : "dòng"} tổng "${i.unit ?? ""}" cũng không khớp (ô ${i.cells[0] ?? ""}).` : ` That is also why the total ${column ? "column" : "row"} "${i.unit ?? ""}" disagrees (cell ${i.cells[0] ?? ""}).`;
    if (!target.message.includes(also)) target.message += also;
  }
  return out;
}

/** The workbook as a whole: required indicators are missing only when no sheet has them, and said once. */
export function acrossSheets(sheets: readonly { table: ReportTable; issues: readonly Issue[] }[]): Issue[] {
  const present = new Set<string>();
  for (const s of sheets) for (const [code] of s.table.values) present.add(code);
  const said = new Set<string>();
  const out: Issue[] = [];
  for (const s of sheets) {
    for (const i of s.issues) {
      if (i.rule === "required_missing") {
        const code = i.indicators[0] ?? "";
        if (present.has(code) || said.has(code)) continue;
        said.add(code);
      }
      out.push(i);
    }
  }
  return out;
}

export interface CauseCount { rule: string; severity: Severity; count: number; title: string }

/** Issues counted by cause (rule), errors first, for the issue list's summary. */
export function countByCause(issues: readonly Issue[], lang: Lang = "vi"): CauseCount[] {
  const counts = new Map<string, CauseCount>();
  for (const i of issues) {
    const key = `${i.severity}:${i.rule}`;
    const c = counts.get(key) ?? { rule: i.rule, severity: i.severity, count: 0, title: RULE_TITLES[i.rule]?.[lang] ?? i.rule };
    c.count++;
    counts.set(key, c);
  }
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return [...counts.values()].sort((a, b) => rank[a.severity] - rank[b.severity] || b.count - a.count || a.rule.localeCompare(b.rule));
}

/** Short names of the causes, as the issue list's summary shows them. */
export const RULE_TITLES: Record<string, { vi: string; en: string }> = {
  invalid_value: { vi: "Không phải số", en: "Not a number" },
  formula_error: { vi: "Lỗi công thức", en: "Formula error" },
  unknown_grade: { vi: "Xếp loại không rõ", en: "Unknown grade" },
  text_number: { vi: "Số lưu dạng văn bản", en: "Numbers stored as text" },
  not_integer: { vi: "Số đếm có phần lẻ", en: "Count with decimals" },
  negative: { vi: "Số âm", en: "Negative value" },
  out_of_bounds: { vi: "Ngoài giới hạn", en: "Out of bounds" },
  yesno: { vi: "Chỉ nhận 0 hoặc 1", en: "Yes/no must be 0 or 1" },
  part_le_whole: { vi: "Phần lớn hơn tổng", en: "Part above its whole" },
  parts_le_whole: { vi: "Các phần vượt tổng", en: "Parts above their whole" },
  sum_total: { vi: "Tổng không bằng các phần", en: "Total unequal to its parts" },
  rate_mismatch: { vi: "Tỷ lệ không khớp", en: "Rate does not match" },
  rate_zero_den: { vi: "Tỷ lệ trên mẫu số 0", en: "Rate over a zero denominator" },
  rate_grim: { vi: "Tỷ lệ không thể có", en: "Impossible rate" },
  rate_grim_den: { vi: "Tỷ lệ không thể có", en: "Impossible rate" },
  // Neither "dòng" nor "cột": on a transposed table the total is a column.
  total_row: { vi: "Số tổng không khớp", en: "Total disagrees" },
  total_sum_range: { vi: "Vùng cộng của số tổng sót đơn vị", en: "Total's SUM range misses units" },
  unit_unknown: { vi: "Đơn vị không có trong danh mục", en: "Unknown unit" },
  unit_former: { vi: "Tên đơn vị cũ", en: "Former unit name" },
  unit_misspelled: { vi: "Tên đơn vị viết khác", en: "Unit name misspelled" },
  unit_duplicate: { vi: "Đơn vị trùng", en: "Duplicate unit" },
  unit_missing: { vi: "Thiếu đơn vị", en: "Missing units" },
  unit_missing_block: { vi: "Bảng thiếu đơn vị", en: "Table lacks units" },
  unit_blank: { vi: "Thiếu tên đơn vị", en: "Unit name blank" },
  required_missing: { vi: "Thiếu chỉ tiêu bắt buộc", en: "Required indicator missing" },
  required_blank: { vi: "Chỉ tiêu bắt buộc để trống", en: "Required indicator blank" },
  target_below: { vi: "Chưa đạt mục tiêu", en: "Below target" },
  outlier: { vi: "Thay đổi khác thường", en: "Unusual change" },
  no_layout: { vi: "Không phải bảng số liệu", en: "Not a data sheet" },
  hidden_skipped: { vi: "Dòng, cột ẩn đã bỏ qua", en: "Hidden rows and columns skipped" },
  // Neither word "cột" nor "dòng": on a sheet of indicators as rows the header is a row.
  unmapped_column: { vi: "Tiêu đề chưa gán chỉ tiêu", en: "Header not mapped" },
  mapping_confirm: { vi: "Chỉ tiêu cần xác nhận", en: "Mapping to confirm" },
};
