/// <reference types="office-js" />
import { cellEditSafeRun } from "./excel/cell-edit.ts";
import type { OfficeHost, XlRun } from "./excel/surface.ts";
import { loadDeployedConfig } from "./config.ts";
import { isDarkTheme, themeVariables } from "./theme.ts";
import { useFluent } from "./ui/fluent.ts";
import { App } from "./ui/app.ts";

/**
 * The task pane inside Excel: Office.js comes from Microsoft's CDN (taskpane.html); this wires
 * its real objects to the app. Nothing else in the bundle touches the Office globals.
 */
function officeHost(): OfficeHost {
  const doc = Office.context.document;
  return {
    isSetSupported: (name, version) => Office.context.requirements.isSetSupported(name, version),
    displayLanguage: Office.context.displayLanguage,
    documentUrl: (doc.url ?? "").split(/[\\/]/).pop() ?? "",
    partitionKey: Office.context.partitionKey ?? undefined,
    dialog: {
      open: (url, onMessage, onClosed) => new Promise((resolve, reject) => {
        Office.context.ui.displayDialogAsync(url, { height: 60, width: 30, promptBeforeOpen: false }, (r) => {
          if (r.status !== Office.AsyncResultStatus.Succeeded) { reject(new Error(`${r.error.code}: ${r.error.message}`)); return; }
          const d = r.value;
          d.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => { if ("message" in arg) onMessage(arg.message); });
          d.addEventHandler(Office.EventType.DialogEventReceived, (arg) => { if ("error" in arg) onClosed(arg.error); });
          resolve({ close: () => d.close() });
        });
      }),
    },
    settings: {
      get: (name) => doc.settings.get(name),
      set: (name, value) => doc.settings.set(name, value),
      remove: (name) => doc.settings.remove(name),
      saveAsync: (cb) => doc.settings.saveAsync((r) => cb?.({ status: r.status === Office.AsyncResultStatus.Succeeded ? "succeeded" : "failed", error: r.error ? { message: r.error.message } : undefined })),
    },
  };
}

// Excel.run waits while the clerk types in a cell, and is tried again where the runtime does not.
// A previous context (to remove an event handler in its own context) is one Excel.run gave the adapter.
const run: XlRun = cellEditSafeRun((options, batch) => Excel.run(options as Excel.RunOptions, (context) => batch(context)));

/**
 * Office.js comes from Microsoft's CDN before this module runs. Where it could not load (a
 * firewall or proxy blocking appsforoffice.microsoft.com, no network) or never gets ready, the
 * pane says so and what to do, in both languages (the pane's words are not loaded yet), instead
 * of "Đang tải…" for ever.
 */
const OFFICE_READY_TIMEOUT_MS = 20_000;

function officeFailed(root: HTMLElement, why: "missing" | "late"): void {
  root.className = "app load-failed";
  root.setAttribute("role", "alert");
  const p = (lang: string, text: string) => { const el = document.createElement("p"); el.lang = lang; el.textContent = text; return el; };
  const title = document.createElement("h1");
  title.lang = "vi";
  title.textContent = why === "missing" ? "Không tải được Office.js, phần Office cần để mở ngăn Chỉ tiêu HTCT." : "Office chưa sẵn sàng sau 20 giây: ngăn Chỉ tiêu HTCT chưa mở được.";
  root.replaceChildren(title,
    p("vi", "Kiểm tra kết nối mạng và xem tường lửa hoặc máy chủ proxy của cơ quan có chặn appsforoffice.microsoft.com không, rồi đóng ngăn và mở lại từ Excel (thẻ Trang đầu → Chỉ tiêu HTCT). Nếu vẫn không được, báo quản trị hệ thống."),
    p("en", why === "missing"
      ? "Office.js, which the HTCT pane needs, could not be loaded. Check the network and whether a firewall or proxy blocks appsforoffice.microsoft.com, then close the pane and open it again from Excel (Home → HTCT indicators). If it still fails, tell your administrator."
      : "Office was not ready after 20 seconds, so the HTCT pane could not open. Check the network and whether a firewall or proxy blocks appsforoffice.microsoft.com, then close the pane and open it again from Excel (Home → HTCT indicators)."));
}

const loading = document.getElementById("app");
if (typeof Office === "undefined") {
  if (loading) officeFailed(loading, "missing");
} else {
  const late = setTimeout(() => { if (loading) officeFailed(loading, "late"); }, OFFICE_READY_TIMEOUT_MS);
  void Office.onReady((info) => {
    clearTimeout(late);
    start(info);
  });
}

function start(info: { host: Office.HostType | null }): void {
  const root = document.getElementById("app");
  if (!root) return;
  // Office got ready after the "not ready" message: the pane takes its place.
  root.className = "app";
  root.removeAttribute("role");
  if (info.host !== Office.HostType.Excel) {
    root.textContent = "Mở ngăn này trong Excel. — Open this pane in Excel.";
    return;
  }
  for (const [k, v] of Object.entries(themeVariables(Office.context.officeTheme))) document.documentElement.style.setProperty(k, v);
  useFluent(isDarkTheme(Office.context.officeTheme));
  void loadDeployedConfig().then((deployed) => new App({ run, office: officeHost(), root, deployed }).start());
}
