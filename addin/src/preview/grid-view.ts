import { columnLetters } from "../../../shared/index.ts";
import type { FakeExcelHost, FakeSheet } from "../../../tests/addin/fake-excel/index.ts";

// The formula engine is a chunk of its own, fetched once the page is ready (or when the person
// starts editing, or picks a row to delete), never with the page's first load.
type Formulas = typeof import("./formulas.ts");
let formulas: Formulas | null = null;
let loading: Promise<Formulas> | null = null;
export const loadFormulas = () => (loading ??= import("./formulas.ts").then((m) => (formulas = m)));
/** Runs `then` with the engine: at once when it is loaded (the usual case by the time an edit ends), else when it is. */
function withFormulas(then: (f: Formulas) => void): void {
  if (formulas) then(formulas);
  else void loadFormulas().then(then);
}

/**
 * Draws the fake host's workbook as Excel would show it (sheet tabs, fills, notes, the
 * selection), and lets a person edit a cell as in Excel: double-click or Enter, type, Enter.
 * Edits go straight into the in-memory workbook, as typing in Excel does, not through the add-in.
 */
const MAX_ROWS = 300;
const MAX_COLS = 60;

export class GridView {
  private sheetName: string;
  private editing: { r: number; c: number } | null = null;
  /** A whole row picked by its header, for "Xóa dòng" (Excel: select the row, Ctrl + −). */
  private pickedRow: number | null = null;

  constructor(private readonly host: FakeExcelHost, private readonly root: HTMLElement) {
    this.sheetName = host.workbook.sheets[host.workbook.activeSheet]?.name ?? "";
    host.onChange(() => {
      const wb = host.workbook;
      this.sheetName = wb.sheets[wb.activeSheet]?.name ?? this.sheetName;
      // As in Excel, the add-in's reads and marks do not close the cell the clerk is typing in:
      // the grid is drawn again when the edit ends.
      if (!this.editing) this.render();
    });
  }

  private get sheet(): FakeSheet | undefined { return this.host.workbook.sheet(this.sheetName); }

  render(): void {
    const wb = this.host.workbook;
    const tabs = document.createElement("div");
    tabs.className = "sheet-tabs";
    tabs.setAttribute("role", "tablist");
    for (const s of wb.sheets) {
      if (s.visibility !== "Visible") continue;
      const b = document.createElement("button");
      b.textContent = s.name;
      b.setAttribute("role", "tab");
      b.setAttribute("aria-selected", String(s.name === this.sheetName));
      b.onclick = () => { wb.activeSheet = wb.sheets.indexOf(s); this.sheetName = s.name; this.render(); };
      tabs.append(b);
    }
    const sheet = this.sheet;
    const table = document.createElement("table");
    table.className = "grid";
    if (sheet) this.fill(table, sheet);
    const wrap = document.createElement("div");
    wrap.className = "grid-wrap";
    wrap.append(table);
    const del = document.createElement("button");
    del.id = "grid-delete-row";
    del.className = "grid-action";
    del.disabled = this.pickedRow === null;
    del.textContent = this.pickedRow === null ? "Xóa dòng" : `Xóa dòng ${this.pickedRow + 1}`;
    del.title = "Chọn một dòng bằng số dòng bên trái, rồi xóa dòng (như Ctrl + − trong Excel)";
    del.onclick = () => this.deletePickedRow();
    tabs.append(del);
    this.root.replaceChildren(wrap, tabs);
    wrap.querySelector<HTMLElement>("td.selected")?.scrollIntoView({ block: "center", inline: "center" });
  }

  private fill(table: HTMLTableElement, sheet: FakeSheet): void {
    const box = sheet.usedBox(false);
    const rows = Math.min(MAX_ROWS, (box?.r1 ?? 0) + 3);
    const cols = Math.min(MAX_COLS, (box?.c1 ?? 0) + 2);
    const sel = this.host.workbook.selection;
    const selected = sel && sel.sheet === sheet.name ? sel.address : null;
    const hidden = new Set<string>();
    const spans = new Map<string, { rs: number; cs: number }>();
    for (const m of sheet.merges) {
      spans.set(`${m.r0},${m.c0}`, { rs: m.r1 - m.r0 + 1, cs: m.c1 - m.c0 + 1 });
      for (let r = m.r0; r <= m.r1; r++) for (let c = m.c0; c <= m.c1; c++) if (r !== m.r0 || c !== m.c0) hidden.add(`${r},${c}`);
    }
    const head = table.insertRow();
    head.append(Object.assign(document.createElement("th"), { className: "corner" }));
    for (let c = 0; c < cols; c++) {
      const th = Object.assign(document.createElement("th"), { textContent: columnLetters(c) });
      if (sheet.hiddenColumns.has(c)) { th.className = "hidden-line"; th.title = "Cột đang ẩn"; }
      head.append(th);
    }
    for (let r = 0; r < rows; r++) {
      const tr = table.insertRow();
      const rowHead = Object.assign(document.createElement("th"), { textContent: String(r + 1), tabIndex: -1 });
      rowHead.dataset.row = String(r + 1);
      rowHead.setAttribute("aria-label", `Dòng ${r + 1}`);
      rowHead.onclick = () => { this.pickedRow = this.pickedRow === r ? null : r; if (this.pickedRow !== null) void loadFormulas(); this.render(); };
      rowHead.onkeydown = (e) => { if ((e.ctrlKey || e.metaKey) && e.key === "-") { e.preventDefault(); this.pickedRow = r; this.deletePickedRow(); } };
      if (this.pickedRow === r) tr.classList.add("picked");
      // Hidden rows and columns are drawn thin and grey, as a reminder that the reader skips them.
      if (sheet.hiddenRows.has(r)) { tr.classList.add("hidden-line"); rowHead.title = "Dòng đang ẩn"; }
      tr.append(rowHead);
      for (let c = 0; c < cols; c++) {
        if (hidden.has(`${r},${c}`)) continue;
        const cell = sheet.get(r, c);
        const td = tr.insertCell();
        const address = `${columnLetters(c)}${r + 1}`;
        td.dataset.address = address;
        const span = spans.get(`${r},${c}`);
        if (span) { td.rowSpan = span.rs; td.colSpan = span.cs; }
        td.textContent = display(cell?.value ?? "", cell?.numberFormat ?? "General");
        if (typeof cell?.value === "number") td.className = "num";
        if (sheet.hiddenColumns.has(c)) td.classList.add("hidden-line");
        if (cell?.fill) td.style.background = cell.fill.color;
        if (cell?.bold) td.style.fontWeight = "bold";
        if (cell?.fontColor) td.style.color = cell.fontColor;
        if (cell?.underline) td.style.textDecoration = "underline";
        if (cell?.note) { td.classList.add("has-note"); td.title = cell.note; }
        if (selected === address) td.classList.add("selected");
        td.tabIndex = -1;
        td.ondblclick = () => this.edit(td, r, c);
        td.onkeydown = (e) => { if (e.target === td && (e.key === "Enter" || e.key === "F2")) { e.preventDefault(); this.edit(td, r, c); } };
        td.onclick = () => { this.host.workbook.selection = { sheet: sheet.name, address }; table.querySelectorAll("td.selected").forEach((x) => x.classList.remove("selected")); td.classList.add("selected"); td.focus(); };
      }
    }
  }

  private deletePickedRow(): void {
    const sheet = this.sheet;
    const row = this.pickedRow;
    if (!sheet || row === null) return;
    this.pickedRow = null;
    withFormulas((f) => {
      f.deleteRowWithFormulas(this.host.workbook, sheet, row);
      this.host.userEdited(sheet, `${row + 1}:${row + 1}`, "RowDeleted");
      this.host.changed();
    });
  }

  private edit(td: HTMLTableCellElement, r: number, c: number): void {
    const sheet = this.sheet;
    if (!sheet || this.editing) return;
    void loadFormulas();
    this.editing = { r, c };
    const input = document.createElement("input");
    const cell = sheet.get(r, c);
    input.value = cell?.formula ?? String(cell?.value ?? "");
    input.setAttribute("aria-label", td.dataset.address ?? "");
    td.replaceChildren(input);
    input.focus();
    input.select();
    const commit = (save: boolean) => {
      if (!this.editing) return;
      this.editing = null;
      if (save) {
        const target = sheet.cell(r, c);
        const text = input.value;
        const n = Number(text.replace(",", "."));
        // "=SUM(C5:C14)" is a formula, as typing it into Excel makes it; every formula is then recomputed.
        target.formula = /^=./.test(text.trim()) ? text.trim() : null;
        target.value = target.formula ? target.value : text.trim() === "" ? "" : /^-?\d+([.,]\d+)?$/.test(text.trim()) ? n : text;
        sheet.tidy(r, c);
        withFormulas((f) => {
          f.recalculate(this.host.workbook);
          this.host.userEdited(sheet, td.dataset.address ?? "");
          this.render();
        });
        return;
      }
      this.render();
    };
    // Keys typed into the editor stay there (Enter must not reopen the editor on the cell).
    input.onkeydown = (e) => { e.stopPropagation(); if (e.key === "Enter") commit(true); if (e.key === "Escape") commit(false); };
    input.onblur = () => commit(true);
  }
}

/** Enough of Excel's number formats for reading a report: percentages and thousands. */
function display(v: string | number | boolean, format: string): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v !== "number") return v;
  if (format.includes("%")) {
    const decimals = (format.split(".")[1] ?? "").replace(/[^0]/g, "").length;
    return `${(v * 100).toFixed(decimals).replace(".", ",")}%`;
  }
  if (format.includes("#,##0")) return v.toLocaleString("vi-VN", { maximumFractionDigits: 2 });
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 1e6) / 1e6).replace(".", ",");
}
