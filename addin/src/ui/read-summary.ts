import { countByCause, explainMapping, type Catalog, type ColumnMapping, type Issue, type Lang, type SheetRead } from "../../../shared/index.ts";
import type { SharedMapping } from "../../../shared/contract/index.ts";
import { SHEET_KIND_LABELS } from "../../../shared/workbook/kind-labels.ts";
import { h } from "./dom.ts";
import { periodWords } from "./period-note.ts";

/**
 * What the reader made of the sheet, for the pane: the kind of sheet with its confidence and
 * reason, the columns to confirm with why each was chosen, and the issues counted by cause.
 */
export const KIND = SHEET_KIND_LABELS;

/**
 * `onConfirm`, when given, makes each column to confirm a button that takes the clerk to its
 * picker and its cell, instead of a line of text to act on elsewhere. `unitName`: a registry code
 * in words ("Hàm Tân"), so no code reaches the clerk.
 */
export function renderReadSummary(read: SheetRead, issues: readonly Issue[], catalog: Catalog, lang: Lang, shared?: SharedMapping | null, onConfirm?: (m: ColumnMapping) => void, unitName: (code: string) => string = (c) => c): HTMLElement {
  const vi = lang === "vi";
  const confirm = read.mapping.filter((m) => m.confirm);
  const causes = countByCause(issues, lang).filter((c) => c.severity !== "info");
  return h("div", { class: "read-summary", id: "read-summary" },
    h("p", { class: "kind", id: "sheet-kind" },
      h("strong", {}, KIND[lang][read.kind]), ` (${Math.round(read.kindConfidence * 100)}%) — ${read.kindReason}`,
      read.period ? (vi ? ` Kỳ báo cáo: ${periodWords({ lang }, read.period)}.` : ` Reporting period: ${periodWords({ lang }, read.period)}.`) : null),
    shared
      ? h("p", { class: "hint", id: "shared-mapping" }, vi
        ? `Dùng ánh xạ cột chung của tỉnh cho biểu này (${shared.source === "province" ? "do tỉnh đặt" : `học từ ${shared.unit ? unitName(shared.unit) : shared.by}`}).`
        : `Using the province's shared column mapping for this form (${shared.source === "province" ? "set by the province" : `learned from ${shared.unit ? unitName(shared.unit) : shared.by}`}).`)
      : null,
    causes.length
      ? h("p", { class: "causes", id: "causes" }, vi ? "Theo nguyên nhân: " : "By cause: ",
        causes.map((c, k) => h("span", { class: `cause ${c.severity}` }, `${k ? " · " : ""}${c.title} ${c.count}`)))
      : null,
    confirm.length
      ? h("details", { class: "confirm", open: true, id: "confirm" },
        h("summary", {}, vi ? `Vui lòng xác nhận ${confirm.length} cột` : `Please confirm ${confirm.length} columns`),
        h("ul", {}, confirm.map((m) => h("li", {}, onConfirm
          ? h("button", { type: "button", class: "issue confirm-column", id: `confirm-${m.column}`, onclick: () => onConfirm(m),
            "aria-label": `${vi ? "Xác nhận" : "Confirm"} ${m.column} “${m.header}”: ${explainMapping(m, catalog, lang)}` },
            h("span", { class: "cell" }, m.column), h("span", { class: "msg" }, `“${m.header}” → ${explainMapping(m, catalog, lang)}`))
          : [h("span", { class: "cell" }, m.column), ` "${m.header}" → ${explainMapping(m, catalog, lang)}`]))))
      : null,
    // Every column's reading with its evidence and the next best, for a clerk who wants to know why.
    read.mapping.length
      ? h("details", { class: "why", id: "why-mapping" },
        h("summary", {}, vi ? `Vì sao các cột được hiểu như vậy (${read.mapping.length})` : `Why the columns were read so (${read.mapping.length})`),
        h("ul", {}, read.mapping.map((m) => h("li", {}, h("span", { class: "cell" }, m.column), ` "${m.header}" → ${explainMapping(m, catalog, lang)}`))))
      : null,
    read.skipped.rows.length || read.skipped.columns.length
      ? h("p", { class: "hint", id: "skipped" }, vi
        ? `Đã bỏ qua dòng, cột ẩn: ${[...read.skipped.rows.map(String), ...read.skipped.columns].join(", ")}.`
        : `Hidden rows and columns skipped: ${[...read.skipped.rows.map(String), ...read.skipped.columns].join(", ")}.`)
      : null,
  );
}
