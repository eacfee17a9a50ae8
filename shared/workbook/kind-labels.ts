import type { Lang } from "../model.ts";
import type { SheetRead } from "./read.ts";

/** The kind of sheet the reader found, in words: one source for the pane and the CLI, which had drifted apart. */
export const SHEET_KIND_LABELS: Record<Lang, Record<SheetRead["kind"], string>> = {
  vi: { units: "Bảng đơn vị × chỉ tiêu", transposed: "Bảng chỉ tiêu × đơn vị", form: "Biểu báo cáo của một đơn vị", none: "Không phải bảng số liệu" },
  en: { units: "Units × indicators", transposed: "Indicators × units", form: "One unit's report form", none: "Not a data sheet" },
};
