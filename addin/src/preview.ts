import ExcelJS from "exceljs";
import { FakeExcelHost, fromExcelJs, type FakeWorkbook } from "../../tests/addin/fake-excel/index.ts";
import type { UnsavedCell } from "./preview/formulas.ts";
import { columnLetters } from "../../shared/index.ts";
import { GridView, loadFormulas } from "./preview/grid-view.ts";
import { download, OpenError, readPicked } from "./preview/open-file.ts";
import { xlsxBlob } from "./preview/save-xlsx.ts";
import { cellEditSafeRun } from "./excel/cell-edit.ts";
import { App } from "./ui/app.ts";
import { useFluent } from "./ui/fluent.ts";
import { themeVariables } from "./theme.ts";
import { waitForOffice } from "./office-ready.ts";

/**
 * /preview.html: the task pane beside a workbook, both running in the page through the same
 * fake Excel host the tests use, so the whole flow can be tried without Excel. Opens a seed
 * workbook, or any .xlsx the person picks or drops on the page (read here, never uploaded);
 * annotating or clearing downloads the workbook as it now is.
 * Query: ?workbook=<file in seeds/workbooks>&excelApi=1.18&lang=vi-VN&pane=320 (the pane's width in px)
 *        &officeReady=never|<ms> (Office's readiness held back, as a slow or stuck host does)
 * The page follows the browser's colour scheme as the pane follows Office's theme (dark, light;
 * high contrast through forced-colors in taskpane.css).
 */
declare global {
  interface Window { htct?: { host: FakeExcelHost; app: App } }
}

const q = new URLSearchParams(location.search);

/**
 * The workbook as Excel opens it: a formula the file holds no result for (a tool other than
 * Excel wrote it) is computed, as Excel computes it on opening, by the core's engine, which is
 * fetched only then (its own chunk). What the engine cannot compute is named, never a silent blank.
 */
async function loadBook(bytes: Uint8Array, name: string): Promise<{ wb: FakeWorkbook; failed: string[] }> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const unsaved: UnsavedCell[] = [];
  for (const ws of book.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row, r) => row.eachCell({ includeEmpty: false }, (cell, c) => {
      const v = cell.value;
      if (cell.isMerged && cell.master !== cell) return;
      if (v === null || typeof v !== "object" || !("formula" in v || "sharedFormula" in v)) return;
      const result = (v as ExcelJS.CellFormulaValue).result;
      if ((result === undefined || result === null) && cell.formula) unsaved.push({ sheet: ws.name, r: r - 1, c: c - 1, formula: `=${cell.formula}` });
    }));
  }
  const wb = fromExcelJs(book, name);
  if (!unsaved.length) return { wb, failed: [] };
  const { computeUnsaved } = await import("./preview/formulas.ts");
  return { wb, failed: computeUnsaved(wb, unsaved).failed.map((u) => `${u.sheet}!${columnLetters(u.c)}${u.r + 1}`) };
}

async function open(bytes: Uint8Array, name: string): Promise<void> {
  const { wb, failed } = await loadBook(bytes, name);
  const host = new FakeExcelHost(wb, { excelApi: q.get("excelApi") ?? "1.18", displayLanguage: q.get("lang") ?? "vi-VN" });
  const oldSheet = document.getElementById("sheet")!;
  const sheetRoot = oldSheet.cloneNode(false) as HTMLElement;
  oldSheet.replaceWith(sheetRoot);
  const grid = new GridView(host, sheetRoot);
  grid.render();
  // A fresh pane element per workbook: the previous pane (its timers, its re-checks) draws into
  // the detached one and never over this workbook's pane.
  const old = document.getElementById("app")!;
  const root = old.cloneNode(false) as HTMLElement;
  root.textContent = "Đang tải…";
  old.replaceWith(root);
  useFluent(previewTheme());
  const app = new App({ run: cellEditSafeRun(host.runWith), office: host.office, root });
  // What annotate and clear did is a workbook the person keeps: it is downloaded after each.
  for (const action of ["annotate", "clear"] as const) {
    const run = app[action].bind(app);
    app[action] = async () => { await run(); await save(host); };
  }
  // Excel recalculates the sheet's formulas after the add-in writes a value (the server's value
  // chosen in a conflict), as it does after the clerk's typing: so does the preview.
  const write = app.adapter.writeChosen.bind(app.adapter);
  app.adapter.writeChosen = async (...args) => { const r = await write(...args); (await loadFormulas()).recalculate(host.workbook); host.changed(); return r; };
  window.htct = { host, app };
  document.getElementById("wb-name")!.textContent = name;
  if (failed.length) {
    say(`Tệp có ${failed.length} ô công thức chưa có kết quả mà bản xem thử không tính được (${failed.slice(0, 10).join(", ")}${failed.length > 10 ? `, và ${failed.length - 10} ô khác` : ""}); các ô này để trống. Excel sẽ tính khi mở tệp.`);
  }
  document.body.dataset.ready = "false";
  if (q.has("officeReady")) await new Promise<void>((ok) => waitForOffice(root, officeReady, ok, "wait"));
  await app.start();
  document.body.dataset.ready = "true";
  // The engine an edit recalculates with, fetched once the page is ready rather than with it.
  setTimeout(() => void loadFormulas(), 0);
}

/**
 * The stand-in's Office.onReady: at once, or after `officeReady` ms from the page's start, or
 * never, so the pane's wait for Office (office-ready.ts) can be tried; the workbook is usable meanwhile.
 */
const officeReady: Promise<void> = (() => {
  const v = q.get("officeReady");
  if (v === null) return Promise.resolve();
  const ms = Number(v);
  return v === "never" || !Number.isFinite(ms) ? new Promise<void>(() => undefined) : new Promise<void>((ok) => setTimeout(ok, ms));
})();

async function save(host: FakeExcelHost): Promise<void> {
  const name = host.workbook.name.replace(/\.xlsx$/i, "");
  download(await xlsxBlob(host.workbook), `${name}.xlsx`);
}

function say(text: string): void {
  const el = document.getElementById("open-message")!;
  el.textContent = text;
  el.hidden = !text;
}

async function openPicked(file: File | undefined): Promise<void> {
  if (!file) return;
  try {
    say("");
    const picked = await readPicked(file);
    await open(picked.bytes, picked.name);
  } catch (e) {
    say(e instanceof OpenError ? e.message : `Không mở được "${file.name}": tệp bị hỏng hoặc không phải sổ tính Excel.`);
  }
}

function wireOpening(): void {
  const input = document.getElementById("open-file") as HTMLInputElement;
  input.onchange = () => { void openPicked(input.files?.[0]); input.value = ""; };
  document.getElementById("download")!.onclick = () => { if (window.htct) void save(window.htct.host); };
  const zone = document.body;
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("dropping"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("dropping"));
  zone.addEventListener("drop", (e) => { e.preventDefault(); zone.classList.remove("dropping"); void openPicked(e.dataTransfer?.files[0]); });
}

/** Dark when the browser is, with the colours Office's dark theme gives the pane; true if dark. */
function previewTheme(): boolean {
  const dark = matchMedia("(prefers-color-scheme: dark)").matches && !matchMedia("(forced-colors: active)").matches;
  if (dark) for (const [k, v] of Object.entries(themeVariables({ bodyBackgroundColor: "#292929", bodyForegroundColor: "#ffffff" }))) document.documentElement.style.setProperty(k, v);
  return dark;
}

async function main(): Promise<void> {
  wireOpening();
  const width = Number(q.get("pane"));
  if (width >= 200 && width <= 2000) document.documentElement.style.setProperty("--pane-width", `${width}px`);
  const name = q.get("workbook") ?? "ham-tan-tong-sai.xlsx";
  const res = await fetch(`/seeds/workbooks/${encodeURIComponent(name)}`);
  if (!res.ok) throw new Error(`${name}: ${res.status}`);
  await open(new Uint8Array(await res.arrayBuffer()), name);
}

main().catch((e: unknown) => {
  document.getElementById("app")!.textContent = `Không mở được bản xem thử: ${e instanceof Error ? e.message : String(e)}`;
});
