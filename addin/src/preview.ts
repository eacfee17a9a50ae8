import { FakeExcelHost, loadXlsx } from "../../tests/addin/fake-excel/index.ts";
import { GridView } from "./preview/grid-view.ts";
import { App } from "./ui/app.ts";

/**
 * /preview.html: the task pane beside a seed workbook, both running in the page through the same
 * fake Excel host the tests use, so the whole flow can be tried without Excel.
 * Query: ?workbook=<file in seeds/workbooks>&excelApi=1.18&lang=vi-VN
 */
declare global {
  interface Window { htct?: { host: FakeExcelHost; app: App } }
}

async function main(): Promise<void> {
  const q = new URLSearchParams(location.search);
  const name = q.get("workbook") ?? "ham-tan-tong-sai.xlsx";
  const res = await fetch(`/seeds/workbooks/${encodeURIComponent(name)}`);
  if (!res.ok) throw new Error(`${name}: ${res.status}`);
  const wb = await loadXlsx(new Uint8Array(await res.arrayBuffer()), name);
  const host = new FakeExcelHost(wb, { excelApi: q.get("excelApi") ?? "1.18", displayLanguage: q.get("lang") ?? "vi-VN" });
  const grid = new GridView(host, document.getElementById("sheet")!);
  grid.render();
  const app = new App({ run: host.run, office: host.office, root: document.getElementById("app")! });
  window.htct = { host, app };
  document.getElementById("wb-name")!.textContent = name;
  await app.start();
  document.body.dataset.ready = "true";
}

main().catch((e: unknown) => {
  document.getElementById("app")!.textContent = `Không mở được bản xem thử: ${e instanceof Error ? e.message : String(e)}`;
});
