import { formFingerprint, formHeaders, shareableMapping, type SavedMapping, type SheetRead } from "../../../../../shared/index.ts";
import type { SharedMapping } from "../../../../../shared/contract/index.ts";
import type { ApiClient } from "../../../api/client.ts";

/**
 * The pane's side of mappings shared by a province: a workbook without a saved mapping is read
 * with the province's mapping for its form, when there is one; after a submission the clerk's
 * confirmed mapping is offered for the next unit. Neither ever stands in the way: offline, or
 * refused, the pane goes on with what it has.
 */
export async function findSharedMapping(api: ApiClient, province: string | undefined, read: SheetRead): Promise<SharedMapping | null> {
  if (!province || read.kind === "none") return null;
  try {
    const m = await api.sharedMapping(province, formFingerprint(read));
    return m && Object.keys(m.mapping).length ? m : null;
  } catch {
    return null;
  }
}

export async function offerSharedMapping(api: ApiClient, province: string, read: SheetRead, saved: SavedMapping | undefined): Promise<boolean | null> {
  if (!saved || !Object.keys(saved).length || read.kind === "none") return null;
  try {
    return await api.offerMapping(province, formFingerprint(read), {
      mapping: shareableMapping(read, saved),
      headers: formHeaders(read).slice(0, 400).map((h) => h.slice(0, 300)),
      kind: read.kind,
      sheet: read.sheet.slice(0, 100),
    });
  } catch {
    return null;
  }
}
