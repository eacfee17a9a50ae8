/**
 * Fills as Office.js shows them (a "#RRGGBB" colour and, from ExcelApi 1.9, a pattern name) and
 * as the shared annotation record keeps them: the exceljs fill object the CLI reads and writes,
 * so that either host can clear what the other annotated. The Office values ride along under
 * `office`, which exceljs ignores, so the add-in restores exactly what it read.
 */
export interface OfficeFill {
  color: string;
  pattern: string;
  /** ExcelApi 1.9, kept only where they differ from Excel's defaults (automatic black, no tint): a clerk's patterned fill comes back whole. */
  patternColor?: string;
  tintAndShade?: number;
  patternTintAndShade?: number;
}

/** The parts of a fill beyond colour and pattern, as getCellProperties reports them (ExcelApi 1.9). */
export interface FillDetail { patternColor?: string | null; tintAndShade?: number | null; patternTintAndShade?: number | null }

export interface RecordFill {
  type: "pattern";
  pattern: string;
  fgColor: { argb: string };
  office?: OfficeFill;
}

/** Office.js FillPattern → exceljs (ECMA-376) pattern names. */
export const OFFICE_TO_XLSX_PATTERN: Record<string, string> = {
  Solid: "solid", Gray75: "darkGray", Gray50: "mediumGray", Gray25: "lightGray", Gray16: "gray125", Gray8: "gray0625",
  Horizontal: "darkHorizontal", Vertical: "darkVertical", Down: "darkDown", Up: "darkUp", Checker: "darkGrid",
  SemiGray75: "darkTrellis", LightHorizontal: "lightHorizontal", LightVertical: "lightVertical", LightDown: "lightDown",
  LightUp: "lightUp", Grid: "lightGrid", CrissCross: "lightTrellis",
};
export const XLSX_TO_OFFICE_PATTERN: Record<string, string> = Object.fromEntries(Object.entries(OFFICE_TO_XLSX_PATTERN).map(([k, v]) => [v, k]));

/** "#RRGGBB" from an exceljs ARGB "FFRRGGBB". */
export const argbToHex = (argb: string): string => `#${argb.slice(-6).toUpperCase()}`;
export const hexToArgb = (hex: string): string => `FF${hex.replace("#", "").toUpperCase().padStart(6, "0")}`;

/**
 * What was read from a cell, as the record keeps it; `pattern` is undefined where the host has no
 * ExcelApi 1.9. For a cell without fill Excel answers pattern null (or "None") and colour
 * "#FFFFFF"; without the pattern a white fill is taken for none (it looks the same).
 */
export function toRecordFill(color: string | null, pattern: string | null | undefined, detail: FillDetail = {}): RecordFill | null {
  if (pattern === null || pattern === "None" || color === null) return null;
  if (pattern === undefined && color.toUpperCase() === "#FFFFFF") return null;
  const p = pattern ?? "Solid";
  const office: OfficeFill = { color: color.toUpperCase(), pattern: p };
  // A solid fill shows no pattern colour; a pattern's own colour and tints are the clerk's too.
  if (p !== "Solid" && detail.patternColor && detail.patternColor.toUpperCase() !== "#000000") office.patternColor = detail.patternColor.toUpperCase();
  if (detail.tintAndShade) office.tintAndShade = detail.tintAndShade;
  if (p !== "Solid" && detail.patternTintAndShade) office.patternTintAndShade = detail.patternTintAndShade;
  return { type: "pattern", pattern: OFFICE_TO_XLSX_PATTERN[p] ?? "solid", fgColor: { argb: hexToArgb(color) }, office };
}

/** Gradients read back ("LinearGradient", "RectangularGradient") but Office.js cannot write them. */
export const isGradient = (pattern: string | null | undefined): boolean => typeof pattern === "string" && pattern.endsWith("Gradient");

/** How to put a recorded fill back: none, or a colour and (where known) a pattern. */
export function fromRecordFill(fill: unknown): OfficeFill | null {
  if (!fill || typeof fill !== "object") return null;
  const f = fill as Partial<RecordFill> & { fgColor?: { argb?: string; theme?: number } };
  if (f.office && typeof f.office.color === "string" && typeof f.office.pattern === "string") {
    const out: OfficeFill = { color: f.office.color, pattern: f.office.pattern };
    if (typeof f.office.patternColor === "string" && /^#[0-9A-F]{6}$/i.test(f.office.patternColor)) out.patternColor = f.office.patternColor;
    const tint = (v: unknown) => (typeof v === "number" && v >= -1 && v <= 1 && v !== 0 ? v : undefined);
    const t1 = tint(f.office.tintAndShade), t2 = tint(f.office.patternTintAndShade);
    if (t1 !== undefined) out.tintAndShade = t1;
    if (t2 !== undefined) out.patternTintAndShade = t2;
    return out;
  }
  if (f.type !== "pattern" || !f.pattern || f.pattern === "none") return null;
  // Theme colours (from a CLI-annotated file) have no RGB here; white is the honest fallback.
  const argb = typeof f.fgColor?.argb === "string" ? f.fgColor.argb : "FFFFFFFF";
  return { color: argbToHex(argb), pattern: XLSX_TO_OFFICE_PATTERN[f.pattern] ?? "Solid" };
}
