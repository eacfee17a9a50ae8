import { csvLine } from "../annotate/cell-text.ts";
import type { HistoryResponse } from "../contract/submissions.ts";
import type { Catalog } from "../catalog/catalog.ts";
import { getCatalog } from "../catalog/catalog.ts";
import { catalogFor } from "../catalog/by-period.ts";
import type { Lang } from "../model.ts";
import { vietnamTime } from "./unit-status.ts";

/**
 * Readers' columns, as on the detail sheet's history: the time in Vietnam time, the sender by
 * name, the changed value's unit by name under "Đơn vị" and its indicator by the label of the
 * period's structure, each with its code in a column of its own.
 */
const HEAD: Record<Lang, string[]> = {
  vi: ["Phiên bản", "Gửi lúc (giờ Việt Nam)", "Người gửi", "Chế độ", "Tệp", "Trang tính", "Dấu vân tay", "Thêm", "Sửa", "Giữ nguyên", "Xóa", "Đơn vị", "Mã đơn vị", "Chỉ tiêu", "Mã chỉ tiêu", "Giá trị cũ", "Giá trị mới"],
  en: ["Version", "Submitted (Vietnam time)", "Submitted by", "Mode", "Workbook", "Sheet", "Fingerprint", "Created", "Updated", "Unchanged", "Deleted", "Unit", "Unit code", "Indicator", "Indicator code", "Old value", "New value"],
};
const MODE: Record<Lang, Record<HistoryResponse["entries"][number]["mode"], string>> = {
  vi: { merge: "Gộp", replace: "Thay thế" },
  en: { merge: "Merge", replace: "Replace" },
};

/**
 * A reporting unit's submission history as CSV, one row per value changed (an entry that changed
 * nothing has one row without a change). Every field goes through csvLine at this point of
 * writing: the workbook and sheet names and the values are the clerk's text, and a spreadsheet
 * opening the file must not evaluate "=HYPERLINK(…)" or "+cmd|…" in them. Names come from the
 * response (`names`, `people`); a code or login only where the server knew none.
 */
export function historyCsv(history: HistoryResponse, lang: Lang = "vi", base: Catalog = getCatalog()): string {
  const catalog = catalogFor(base, history.period);
  const label = (code: string) => catalog.byCode.get(code)?.label[lang] ?? code;
  const who = (login: string) => history.people?.[login] ?? login;
  const unitName = (code: string) => history.names?.[code] ?? code;
  const lines = [csvLine(HEAD[lang])];
  for (const e of history.entries) {
    const head = [e.version, vietnamTime(e.at), who(e.user), MODE[lang][e.mode] ?? e.mode, e.source.workbook, e.source.sheet, e.source.fingerprint, e.summary.created, e.summary.updated, e.summary.unchanged, e.summary.deleted];
    if (!e.changes.length) lines.push(csvLine([...head, unitName(history.unit), history.unit, "", "", "", ""]));
    for (const c of e.changes) lines.push(csvLine([...head, unitName(c.unit), c.unit, label(c.indicator), c.indicator, c.old, c.new]));
  }
  // A byte-order mark, so that Excel opens the Vietnamese text as UTF-8.
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
