/// <reference types="office-js" />
import { cellEditSafeRun } from "./excel/cell-edit.ts";
import type { OfficeHost, XlRun } from "./excel/surface.ts";
import { loadDeployedConfig } from "./config.ts";
import { officeFailed, waitForOffice } from "./office-ready.ts";
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

const loading = document.getElementById("app");
if (typeof Office === "undefined") {
  if (loading) officeFailed(loading, "missing");
} else if (loading) {
  waitForOffice(loading, Office.onReady(), start, "reload");
}

function start(info: { host: Office.HostType | null }): void {
  const root = document.getElementById("app");
  if (!root) return;
  if (info.host !== Office.HostType.Excel) {
    root.textContent = "Mở ngăn này trong Excel. — Open this pane in Excel.";
    return;
  }
  for (const [k, v] of Object.entries(themeVariables(Office.context.officeTheme))) document.documentElement.style.setProperty(k, v);
  useFluent(isDarkTheme(Office.context.officeTheme));
  void loadDeployedConfig().then((deployed) => new App({ run, office: officeHost(), root, deployed }).start());
}
