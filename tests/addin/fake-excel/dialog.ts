/** Office's dialog API (DialogApi 1.1) as the sign-in uses it. */
import type { OfficeHost } from "../../../addin/src/excel/surface.ts";
import type { FakeHostOptions } from "./host-options.ts";

/**
 * Office's dialog as strict as Office: the URL must be https on the pane's own origin (12004
 * otherwise), one dialog at a time (12007), events arrive asynchronously after the open callback.
 */
export function fakeDialog(d: NonNullable<FakeHostOptions["dialog"]>): NonNullable<OfficeHost["dialog"]> {
  let open = false;
  return {
    open: async (url, onMessage, onClosed) => {
      const u = new URL(url);
      if (u.protocol !== "https:" || u.origin !== d.origin) throw new Error("12004: the dialog's address is not on the add-in's domain");
      if (open) throw new Error("12007: a dialog is already open");
      open = true;
      const outcome = d.page(url);
      setTimeout(() => {
        if (!open) return;
        if ("message" in outcome) onMessage(outcome.message);
        else { open = false; onClosed(outcome.closed); }
      }, 0);
      return { close: () => { open = false; } };
    },
  };
}
