import type { Lang } from "../model.ts";

type Params = Record<string, string | number>;
type Template = { vi: (p: Params) => string; en: (p: Params) => string };
interface RuleText { message: Template; hint: Template }

/** Numbers the way Vietnamese readers write them: 17.852 and 24,07. */
const formatters = new Map<string, Intl.NumberFormat>();
export function formatNumber(n: number, lang: Lang, decimals?: number): string {
  if (!Number.isFinite(n)) return String(n);
  // Building an Intl.NumberFormat costs about a millisecond: keep one per language and precision.
  const key = `${lang}:${decimals ?? ""}`;
  let f = formatters.get(key);
  if (!f) {
    const opts: Intl.NumberFormatOptions = decimals === undefined ? { maximumFractionDigits: 4 } : { minimumFractionDigits: decimals, maximumFractionDigits: Math.min(decimals, 20) };
    f = new Intl.NumberFormat(lang === "vi" ? "vi-VN" : "en-US", opts);
    formatters.set(key, f);
  }
  return f.format(n);
}

/** At most this many names are written out in a message; "và 113 đơn vị khác" says the rest. */
export const NAMES_SHOWN = 10;

/**
 * A list as a message writes it: the first NAMES_SHOWN items, and how many are left out
 * (`more`, 0 when none). A province's 123 missing communes are a sentence, not a page.
 */
export function shortList(items: readonly (string | number)[], shown = NAMES_SHOWN): { list: string; more: number } {
  return { list: items.slice(0, shown).join(", "), more: Math.max(0, items.length - shown) };
}

const andMore = (p: Params, vi: string, lang: Lang): string => {
  const n = Number(p.more ?? 0);
  if (!(n > 0)) return "";
  return lang === "vi" ? ` và ${n} ${vi} khác` : ` and ${n} more`;
};

/**
 * The word for where an indicator sits: a column on a units × indicators table, a row ("dòng 11")
 * on a sheet that lists the indicators down the side (a transposed table, a one-unit form).
 */
const line = (p: Params, lang: Lang, capital = true): string => {
  const row = p.axis === "row";
  const w = lang === "vi" ? (row ? "dòng" : "cột") : row ? "row" : "column";
  return capital ? w[0]!.toUpperCase() + w.slice(1) : w;
};
/** "1 dòng", "2 dòng và 1 cột" / "1 hidden row", "2 hidden rows and 1 hidden column". */
const hiddenWhat = (p: Params, lang: Lang): string => {
  const rows = Number(p.rowCount ?? 0), cols = Number(p.colCount ?? 0);
  const vi = [rows ? `${rows} dòng` : "", cols ? `${cols} cột` : ""].filter(Boolean).join(" và ");
  const en = [rows ? `${rows} hidden row${rows === 1 ? "" : "s"}` : "", cols ? `${cols} hidden column${cols === 1 ? "" : "s"}` : ""].filter(Boolean).join(" and ");
  return lang === "vi" ? vi : en;
};
/** Where a unit sits: its row, or its column on a transposed table (units across the top). */
const unitLine = (p: Params, lang: Lang, capital = true): string => line({ axis: p.axis === "row" ? "column" : "row" }, lang, capital);

/**
 * Every message the validator can produce, Vietnamese first. Parameters are filled in already
 * formatted; `{name}` and friends are the indicator labels in the message's language.
 */
export const MESSAGES: Record<string, RuleText> = {
  invalid_value: {
    message: { vi: (p) => `Ô ${p.cell}: "${p.raw}" không phải là số hợp lệ cho "${p.name}".`, en: (p) => `Cell ${p.cell}: "${p.raw}" is not a valid number for "${p.name}".` },
    hint: { vi: () => "Nhập số theo kiểu Việt Nam (1.716 hoặc 24,07), để trống hoặc ghi \"-\" nếu không có số liệu.", en: () => "Type the number as 1.716 or 24,07; leave blank or type \"-\" when there is no figure." },
  },
  formula_error: {
    message: { vi: (p) => `Ô ${p.cell} có lỗi công thức ${p.code} ("${p.name}").`, en: (p) => `Cell ${p.cell} holds the formula error ${p.code} ("${p.name}").` },
    hint: { vi: () => "Sửa công thức (thường do chia cho 0 hoặc tham chiếu đến ô đã xóa) hoặc nhập trực tiếp số liệu.", en: () => "Fix the formula (often a division by zero or a deleted reference) or type the figure." },
  },
  text_number: {
    message: { vi: (p) => `${line(p, "vi")} ${p.column} ("${p.name}"): ${p.count} ô số được nhập dạng văn bản, từ ô ${p.cell}.`, en: (p) => `${line(p, "en")} ${p.column} ("${p.name}"): ${p.count} ${Number(p.count) === 1 ? "number" : "numbers"} typed as text, from cell ${p.cell}.` },
    hint: { vi: () => "Công thức SUM của Excel bỏ qua số dạng văn bản; nên chuyển ô sang dạng số.", en: () => "Excel's SUM ignores numbers stored as text; convert the cell to a number." },
  },
  not_integer: {
    message: { vi: (p) => `"${p.name}" phải là số nguyên, nhưng ô ${p.cell} là ${p.value}.`, en: (p) => `"${p.name}" must be a whole number, but cell ${p.cell} holds ${p.value}.` },
    hint: { vi: () => "Kiểm tra lại dấu phân cách: ở Việt Nam dấu chấm tách hàng nghìn (1.716), dấu phẩy là dấu thập phân.", en: () => "Check the separators: Vietnamese style uses a dot for thousands (1.716) and a comma for decimals." },
  },
  negative: {
    message: { vi: (p) => `"${p.name}" không thể âm (ô ${p.cell}: ${p.value}).`, en: (p) => `"${p.name}" cannot be negative (cell ${p.cell}: ${p.value}).` },
    hint: { vi: () => "Nhập số không âm.", en: () => "Enter a non-negative number." },
  },
  out_of_bounds: {
    message: { vi: (p) => `"${p.name}" = ${p.value} nằm ngoài giới hạn ${p.min}–${p.max} (ô ${p.cell}).`, en: (p) => `"${p.name}" = ${p.value} is outside ${p.min}–${p.max} (cell ${p.cell}).` },
    hint: { vi: () => "Tỷ lệ tính theo phần trăm, từ 0 đến 100.", en: () => "Rates are percentages between 0 and 100." },
  },
  yesno: {
    message: { vi: (p) => `"${p.name}" ở cấp xã chỉ nhận có/không (x, 1 hoặc 0), ô ${p.cell} là ${p.value}.`, en: (p) => `"${p.name}" takes yes/no at commune level (x, 1 or 0); cell ${p.cell} holds ${p.value}.` },
    hint: { vi: () => "Đánh \"x\" nếu có, để trống hoặc 0 nếu không.", en: () => "Type \"x\" for yes; leave blank or 0 for no." },
  },
  unknown_grade: {
    message: { vi: (p) => `Ô ${p.cell}: "${p.raw}" không phải là mức xếp loại của "${p.name}".`, en: (p) => `Cell ${p.cell}: "${p.raw}" is not a grade of "${p.name}".` },
    hint: { vi: (p) => `Dùng một trong các mức: ${p.classes}.`, en: (p) => `Use one of: ${p.classes}.` },
  },
  part_le_whole: {
    message: { vi: (p) => `${p.unit}: "${p.part}" (${p.pv}) lớn hơn "${p.whole}" (${p.wv}).`, en: (p) => `${p.unit}: "${p.part}" (${p.pv}) exceeds "${p.whole}" (${p.wv}).` },
    hint: { vi: () => "Số bộ phận không thể lớn hơn tổng số; kiểm tra lại hai ô.", en: () => "A part cannot exceed its whole; check both cells." },
  },
  parts_le_whole: {
    message: { vi: (p) => `${p.unit}: tổng các thành phần (${p.parts}) = ${p.pv} lớn hơn "${p.whole}" (${p.wv}).`, en: (p) => `${p.unit}: the parts (${p.parts}) add up to ${p.pv}, more than "${p.whole}" (${p.wv}).` },
    hint: { vi: () => "Các thành phần loại trừ nhau nên tổng không thể vượt tổng số.", en: () => "The parts exclude each other, so together they cannot exceed the whole." },
  },
  sum_total: {
    message: { vi: (p) => `${p.unit}: "${p.name}" ghi ${p.reported} nhưng cộng các thành phần được ${p.sum}.`, en: (p) => `${p.unit}: "${p.name}" is ${p.reported} but its parts add up to ${p.sum}.` },
    hint: { vi: (p) => `Thành phần: ${p.parts}. Sửa tổng số hoặc thành phần bị sai.`, en: (p) => `Parts: ${p.parts}. Correct the total or the wrong part.` },
  },
  rate_mismatch: {
    message: { vi: (p) => `${p.unit}: "${p.name}" ghi ${p.reported}% nhưng ${p.num}/${p.den} = ${p.computed}%.`, en: (p) => `${p.unit}: "${p.name}" is reported as ${p.reported}% but ${p.num}/${p.den} = ${p.computed}%.` },
    hint: { vi: () => "Tính lại tỷ lệ từ tử số và mẫu số (chấp nhận làm tròn hoặc cắt bớt chữ số).", en: () => "Recompute the rate from its numerator and denominator (rounding or truncation are both accepted)." },
  },
  rate_grim: {
    message: { vi: (p) => `${p.unit}: không có số nguyên nào chia cho ${p.den} cho ra ${p.reported}% ("${p.name}").`, en: (p) => `${p.unit}: no whole number out of ${p.den} gives ${p.reported}% ("${p.name}").` },
    hint: { vi: (p) => `Gần nhất: ${p.near}. Kiểm tra lại tỷ lệ hoặc mẫu số.`, en: (p) => `Closest: ${p.near}. Check the rate or the denominator.` },
  },
  rate_grim_den: {
    message: { vi: (p) => `${p.unit}: không có mẫu số nguyên nào cho ${p.num} ứng với ${p.reported}% ("${p.name}").`, en: (p) => `${p.unit}: no whole denominator makes ${p.num} equal ${p.reported}% ("${p.name}").` },
    hint: { vi: (p) => `Gần nhất: ${p.near}. Kiểm tra lại tỷ lệ hoặc tử số.`, en: (p) => `Closest: ${p.near}. Check the rate or the numerator.` },
  },
  rate_zero_den: {
    message: { vi: (p) => `${p.unit}: "${p.name}" ghi ${p.reported}% nhưng mẫu số bằng 0.`, en: (p) => `${p.unit}: "${p.name}" is ${p.reported}% but its denominator is 0.` },
    hint: { vi: () => "Khi mẫu số bằng 0 thì không có tỷ lệ; để trống ô tỷ lệ.", en: () => "With a zero denominator there is no rate; leave the rate blank." },
  },
  total_row: {
    message: { vi: (p) => `${unitLine(p, "vi")} "${p.unit}": "${p.name}" ghi ${p.reported} nhưng cộng các đơn vị được ${p.sum}.`, en: (p) => `${unitLine(p, "en")} "${p.unit}": "${p.name}" is ${p.reported} but the units add up to ${p.sum}.` },
    hint: { vi: (p) => `Kiểm tra công thức tổng (vùng SUM có bỏ sót ${unitLine(p, "vi", false)} nào không) và các số nhập dạng văn bản.`, en: (p) => `Check the total formula (does the SUM range miss a ${unitLine(p, "en", false)}?) and numbers stored as text.` },
  },
  total_sum_range: {
    message: {
      vi: (p) => `${unitLine(p, "vi")} tổng "${p.unit}" ${p.range}, bỏ sót ${p.left}: ${p.count} ${line(p, "vi", false)} không khớp (${p.names}${andMore(p, line(p, "vi", false), "vi")}).`,
      en: (p) => `The total ${unitLine(p, "en", false)} "${p.unit}" ${p.range}, leaving out ${p.left}: ${p.count} ${line(p, "en", false)}${Number(p.count) === 1 ? " disagrees" : "s disagree"} (${p.names}${andMore(p, "", "en")}).`,
    },
    hint: { vi: (p) => `Sửa vùng cộng của công thức tổng (SUM) cho đủ các đơn vị; một lần sửa cho cả ${unitLine(p, "vi", false)}.`, en: (p) => `Fix the range of the total's SUM formula to cover every unit; one fix for the whole ${unitLine(p, "en", false)}.` },
  },
  unit_unknown: {
    message: { vi: (p) => `Ô ${p.cell}: không tìm thấy đơn vị "${p.raw}" trong danh mục.`, en: (p) => `Cell ${p.cell}: unit "${p.raw}" is not in the registry.` },
    hint: {
      vi: (p) => (p.suggestion ? `Có phải là "${p.suggestion}"${p.more ? ` (hoặc ${p.more})` : ""}?` : "Kiểm tra lại tên xã, phường, đặc khu."),
      en: (p) => (p.suggestion ? `Did you mean "${p.suggestion}"${p.more ? ` (or ${p.more})` : ""}?` : "Check the commune name."),
    },
  },
  unit_former: {
    message: { vi: (p) => `Ô ${p.cell}: "${p.raw}" là tên cũ; ${p.now}.`, en: (p) => `Cell ${p.cell}: "${p.raw}" is a former name; ${p.now}.` },
    hint: { vi: (p) => `Ghi theo đơn vị hiện nay: ${p.successor}.`, en: (p) => `Write it as the unit it is now: ${p.successor}.` },
  },
  unit_misspelled: {
    message: { vi: (p) => `Ô ${p.cell}: tên đơn vị "${p.raw}" viết khác danh mục ("${p.suggestion}").`, en: (p) => `Cell ${p.cell}: unit "${p.raw}" is spelled differently in the registry ("${p.suggestion}").` },
    hint: { vi: (p) => `Sửa thành "${p.suggestion}".`, en: (p) => `Change it to "${p.suggestion}".` },
  },
  unit_duplicate: {
    message: { vi: (p) => `Đơn vị "${p.unit}" xuất hiện ${p.count} lần (${unitLine(p, "vi", false)} ${p.rows}${p.more ? ", …" : ""}).`, en: (p) => `Unit "${p.unit}" appears ${p.count} times (${unitLine(p, "en", false)}s ${p.rows}${p.more ? ", …" : ""}).` },
    hint: { vi: (p) => `Mỗi đơn vị chỉ có một ${unitLine(p, "vi", false)}; xóa hoặc gộp ${unitLine(p, "vi", false)} trùng.`, en: (p) => `Each unit has one ${unitLine(p, "en", false)}; delete or merge the duplicate.` },
  },
  unit_not_in_period: {
    message: { vi: (p) => `Ô ${p.cell}: đơn vị "${p.raw}" không tồn tại trong kỳ ${p.period} (chỉ tồn tại ${p.existed}).`, en: (p) => `Cell ${p.cell}: unit "${p.raw}" did not exist in period ${p.period} (it existed ${p.existed}).` },
    hint: { vi: () => "Kiểm tra kỳ báo cáo, hoặc dùng tên đơn vị hành chính hiện hành.", en: () => "Check the reporting period, or use the unit's current name." },
  },
  unit_missing: {
    message: { vi: (p) => `Thiếu ${p.count} đơn vị so với danh mục: ${p.units}${andMore(p, "đơn vị", "vi")}.`, en: (p) => `${p.count} registry units are missing: ${p.units}${andMore(p, "", "en")}.` },
    hint: { vi: (p) => `Thêm ${unitLine(p, "vi", false)} cho các đơn vị còn thiếu.`, en: (p) => `Add ${unitLine(p, "en", false)}s for the missing units.` },
  },
  unit_missing_block: {
    message: {
      vi: (p) => `${p.table} thiếu ${p.count} đơn vị có trong các bảng khác của trang tính: ${p.units}${andMore(p, "đơn vị", "vi")}.`,
      en: (p) => `${p.table} lacks ${p.count} units the sheet's other tables have: ${p.units}${andMore(p, "", "en")}.`,
    },
    hint: { vi: () => "Các bảng trên một trang tính thường liệt kê cùng các đơn vị: thêm dòng còn thiếu vào bảng này, hoặc kiểm tra lại tên đơn vị.", en: () => "The tables of one sheet usually list the same units: add the missing rows to this table, or check the unit names." },
  },
  unit_blank: {
    message: { vi: (p) => `${unitLine(p, "vi")} ${p.row} có số liệu nhưng không có tên đơn vị.`, en: (p) => `${unitLine(p, "en")} ${p.row} has figures but no unit name.` },
    // Units down the side: the unit column; units across (a transposed table): the header row.
    hint: {
      vi: (p) => (p.axis === "row" ? "Ghi tên đơn vị vào dòng tiêu đề, trên cột số liệu này." : "Ghi tên đơn vị vào cột tên đơn vị."),
      en: (p) => (p.axis === "row" ? "Write the unit's name in the header row, above this column of figures." : "Write the unit's name in the unit-name column."),
    },
  },
  required_missing: {
    message: { vi: (p) => `Không tìm thấy ${line(p, "vi", false)} chỉ tiêu bắt buộc "${p.name}".`, en: (p) => `The required indicator "${p.name}" has no ${line(p, "en", false)}.` },
    hint: { vi: (p) => `Thêm ${line(p, "vi", false)} này, hoặc gán một ${line(p, "vi", false)} hiện có cho chỉ tiêu này trong phần ánh xạ cột.`, en: (p) => `Add the ${line(p, "en", false)}, or map an existing ${line(p, "en", false)} to it.` },
  },
  required_blank: {
    message: { vi: (p) => `${p.unit}: chưa nhập chỉ tiêu bắt buộc "${p.name}" (ô ${p.cell}).`, en: (p) => `${p.unit}: the required indicator "${p.name}" is blank (cell ${p.cell}).` },
    hint: { vi: () => "Nhập số liệu; ghi 0 nếu đơn vị không có.", en: () => "Enter the figure; 0 if there is none." },
  },
  target_below: {
    message: { vi: (p) => `${p.unit}: "${p.name}" đạt ${p.value}, chưa đạt mục tiêu ${p.op} ${p.target} (${p.source}).`, en: (p) => `${p.unit}: "${p.name}" is ${p.value}, short of the target ${p.op} ${p.target} (${p.source}).` },
    hint: { vi: () => "Thông tin để theo dõi, không chặn việc gửi báo cáo.", en: () => "For information; it does not block submission." },
  },
  outlier_reconstructed: {
    message: {
      vi: (p) => `${p.unit}: "${p.name}" = ${p.value} khác thường so với các kỳ trước, tính theo tổng số liệu của các đơn vị tiền thân (trung vị ${p.median})${p.approximate ? "; số so sánh là gần đúng vì có đơn vị tiền thân được chia cho nhiều đơn vị mới" : ""}.`,
      en: (p) => `${p.unit}: "${p.name}" = ${p.value} is unusual against earlier periods, reconstructed from its predecessor units (median ${p.median})${p.approximate ? "; approximate, since a predecessor was split between several new units" : ""}.`,
    },
    hint: { vi: () => "Đơn vị được thành lập khi sắp xếp đơn vị hành chính; kiểm tra lại số liệu, nếu đúng thì bỏ qua cảnh báo này.", en: () => "The unit was formed in a reorganisation; check the figure, and if it is right, ignore this warning." },
  },
  outlier: {
    message: { vi: (p) => `${p.unit}: "${p.name}" = ${p.value} khác thường so với các kỳ trước (trung vị ${p.median}).`, en: (p) => `${p.unit}: "${p.name}" = ${p.value} is unusual against earlier periods (median ${p.median}).` },
    hint: { vi: () => "Kiểm tra lại số liệu; nếu đúng thì bỏ qua cảnh báo này.", en: () => "Check the figure; if it is right, ignore this warning." },
  },
  no_layout: {
    message: { vi: (p) => `Không nhận ra bảng số liệu trên trang tính này${p.reason ? `: ${p.reason}` : " (không thấy dòng tiêu đề và các dòng đơn vị)."}`, en: (p) => `No data table was recognised on this sheet${p.reason ? `: ${p.reason}` : " (no header row and unit rows found)."}` },
    hint: { vi: () => "Bảng cần có một dòng tiêu đề cột, một cột tên đơn vị và các dòng số liệu bên dưới.", en: () => "The table needs a header row, a unit-name column and data rows below." },
  },
  hidden_skipped: {
    message: {
      // Each counted in its own word: "1 dòng ẩn", "2 dòng và 1 cột ẩn".
      vi: (p) => `Đã bỏ qua ${hiddenWhat(p, "vi")} đang ẩn, không dùng làm số liệu${p.rows ? ` (dòng ${p.rows}${andMore(p, "dòng", "vi")})` : ""}${p.columns ? ` (cột ${p.columns}${p.moreColumns ? ` và ${p.moreColumns} cột khác` : ""})` : ""}.`,
      en: (p) => `Skipped ${hiddenWhat(p, "en")}, not used as data${p.rows ? ` (rows ${p.rows}${andMore(p, "", "en")})` : ""}${p.columns ? ` (columns ${p.columns}${p.moreColumns ? ` and ${p.moreColumns} more` : ""})` : ""}.`,
    },
    hint: { vi: () => "Nếu số liệu ở dòng, cột ẩn là số liệu kỳ này, hãy bỏ ẩn rồi kiểm tra lại.", en: () => "If a hidden row or column holds this period's figures, unhide it and check again." },
  },
  symbol_usual_meaning: {
    message: {
      vi: (p) => `${p.count} ô ghi ký hiệu ${p.symbols} (${p.cells}) được hiểu theo cách ghi thông thường: "x" là không áp dụng, "-" là không có; các ô này không tính là số liệu.`,
      en: (p) => `${p.count} cells hold the symbols ${p.symbols} (${p.cells}), read as clerks usually mean them: "x" not applicable, "-" none; they count as no figure.`,
    },
    hint: { vi: () => "Nếu ký hiệu có nghĩa khác, ghi chú thích dưới bảng, ví dụ \"Ghi chú: (x) không áp dụng\".", en: () => "If a symbol means something else, add a legend under the table, e.g. \"Ghi chú: (x) không áp dụng\"." },
  },
  formula_computed: {
    message: {
      vi: (p) => `Tệp lưu ${p.count} ô công thức chưa có kết quả (${p.cells}); đã tính lại các công thức này để kiểm tra số liệu.`,
      en: (p) => `The file holds ${p.count} formula cells without saved results (${p.cells}); they were computed so the figures could be checked.`,
    },
    hint: { vi: () => "Mở tệp bằng Excel và lưu lại để tệp có sẵn kết quả công thức.", en: () => "Open the file in Excel and save it so the formulas' results are kept." },
  },
  formula_unevaluated: {
    message: {
      vi: (p) => `Ô ${p.cell}: công thức chưa có kết quả lưu trong tệp và không tính được (${p.formula}); ô này chưa được kiểm tra.`,
      en: (p) => `Cell ${p.cell}: the formula has no saved result and could not be computed (${p.formula}); the cell was not checked.`,
    },
    hint: { vi: () => "Mở tệp bằng Excel và lưu lại, hoặc nhập số liệu thay cho công thức.", en: () => "Open the file in Excel and save it, or type the figure instead of the formula." },
  },
  formula_unevaluated_more: {
    message: {
      vi: (p) => `Còn ${p.count} ô công thức khác chưa có kết quả lưu trong tệp và không tính được; các ô này chưa được kiểm tra.`,
      en: (p) => `${p.count} more formula cells have no saved result and could not be computed; they were not checked.`,
    },
    hint: { vi: () => "Mở tệp bằng Excel và lưu lại để tệp có sẵn kết quả công thức.", en: () => "Open the file in Excel and save it so the formulas' results are kept." },
  },
  mapping_confirm: {
    message: { vi: (p) => `Vui lòng xác nhận ${line(p, "vi", false)} ${p.column} ("${p.header}"): đang gán ${p.why}`, en: (p) => `Please confirm ${line(p, "en", false)} ${p.column} ("${p.header}"): mapped to ${p.why}` },
    hint: { vi: () => "Chọn đúng chỉ tiêu trong phần ánh xạ cột rồi áp dụng; lựa chọn được lưu cho lần sau.", en: () => "Pick the right indicator in the column mapping and apply; the choice is kept for next time." },
  },
  unmapped_column: {
    message: { vi: (p) => `${line(p, "vi")} ${p.column} ("${p.header}") chưa được gán cho chỉ tiêu nào.`, en: (p) => `${line(p, "en")} ${p.column} ("${p.header}") is not mapped to any indicator.` },
    hint: { vi: (p) => (p.suggestion ? `Có thể là "${p.suggestion}"; chọn trong phần ánh xạ cột.` : `Chọn chỉ tiêu trong phần ánh xạ cột, hoặc bỏ qua ${line(p, "vi", false)} này.`), en: (p) => (p.suggestion ? `Perhaps "${p.suggestion}"; choose it in the column mapping.` : `Choose an indicator in the column mapping, or ignore the ${line(p, "en", false)}.`) },
  },
};

export function render(rule: string, lang: Lang, params: Params): { message: string; hint: string } {
  const t = MESSAGES[rule];
  if (!t) return { message: rule, hint: "" };
  return { message: t.message[lang](params), hint: t.hint[lang](params) };
}
