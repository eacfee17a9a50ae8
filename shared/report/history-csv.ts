import { csvLine } from "../annotate/cell-text.ts";
import type { HistoryResponse } from "../contract/submissions.ts";
import type { Lang } from "../model.ts";

const HEAD: Record<Lang, string[]> = {
  vi: ["Phiên bản", "Thời điểm", "Người nộp", "Chế độ", "Tệp", "Trang tính", "Dấu vân tay", "Thêm", "Sửa", "Giữ nguyên", "Xóa", "Đơn vị", "Chỉ tiêu", "Giá trị cũ", "Giá trị mới"],
  en: ["Version", "At", "User", "Mode", "Workbook", "Sheet", "Fingerprint", "Created", "Updated", "Unchanged", "Deleted", "Unit", "Indicator", "Old value", "New value"],
};

/**
 * A reporting unit's submission history as CSV, one row per value changed (an entry that changed
 * nothing has one row without a change). Every field goes through csvLine at this point of
 * writing: the workbook and sheet names and the values are the clerk's text, and a spreadsheet
 * opening the file must not evaluate "=HYPERLINK(…)" or "+cmd|…" in them.
 */
export function historyCsv(history: HistoryResponse, lang: Lang = "vi"): string {
  const lines = [csvLine(HEAD[lang])];
  for (const e of history.entries) {
    const head = [e.version, e.at, e.user, e.mode, e.source.workbook, e.source.sheet, e.source.fingerprint, e.summary.created, e.summary.updated, e.summary.unchanged, e.summary.deleted];
    if (!e.changes.length) lines.push(csvLine([...head, "", "", "", ""]));
    for (const c of e.changes) lines.push(csvLine([...head, c.unit, c.indicator, c.old, c.new]));
  }
  // A byte-order mark, so that Excel opens the Vietnamese text as UTF-8.
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
