/** A range's format: column widths and wrapping, fills (solid, patterned, gradients read-only) and fonts. */
import type { XlRangeFill, XlRangeFont, XlRangeFormat } from "../../../addin/src/excel/surface.ts";
import { common, eachCell, cellsIn, type RangeTarget } from "./cells.ts";
import type { FakeContext } from "./context.ts";
import { FakeExcelError } from "./errors.ts";
import type { FakeCell } from "./model.ts";
import { ProxyBase, type Permission } from "./proxy-base.ts";
import type { PathNode } from "./request.ts";

/** No fill reads back as pattern null and white; a gradient reads as its kind and colour null. */
export function fillColor(c: FakeCell | undefined): string | null {
  if (!c?.fill) return "#FFFFFF";
  return c.fill.pattern.endsWith("Gradient") ? null : c.fill.color;
}
export const fillPattern = (c: FakeCell | undefined): string | null => c?.fill?.pattern ?? null;
/** A pattern's colour (automatic reads as black) and the tints (0 when none); null for gradients. */
export const fillPatternColor = (c: FakeCell | undefined): string | null => (c?.fill?.pattern.endsWith("Gradient") ? null : c?.fill?.patternColor ?? "#000000");
export const fillTint = (c: FakeCell | undefined): number | null => (c?.fill?.pattern.endsWith("Gradient") ? null : c?.fill?.tintAndShade ?? 0);
export const fillPatternTint = (c: FakeCell | undefined): number | null => (c?.fill?.pattern.endsWith("Gradient") ? null : c?.fill?.patternTintAndShade ?? 0);
export class RangeFormatProxy extends ProxyBase<RangeTarget[]> implements XlRangeFormat {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => RangeTarget[], kind = "RangeFormat") { super(ctx, kind, node); }
  protected target() { return this.find(); }
  protected override sheetOf(t: RangeTarget[]) { return t[0]?.sheet ?? null; }
  protected override permissions(name: string): Permission[] { return name === "columnWidth" || name === "autofitColumns" ? ["columns"] : ["format"]; }
  protected read(t: RangeTarget[], name: string): unknown {
    if (name === "wrapText") return false;
    if (name === "columnWidth") return t[0]!.sheet.columnWidths.get(t[0]!.box.c0) ?? 48;
    throw new FakeExcelError("InvalidArgument", `format.${name}`);
  }
  protected override write(t: RangeTarget[], name: string, value: unknown): void {
    if (name === "wrapText") return;
    if (name === "columnWidth") { for (const x of t) for (let c = x.box.c0; c <= x.box.c1; c++) x.sheet.columnWidths.set(c, Number(value)); return; }
    super.write(t, name, value);
  }
  get fill(): XlRangeFill { return new FillProxy(this.ctx, this.sub(4, "fill"), () => this.resolve()); }
  get font(): XlRangeFont { return new FontProxy(this.ctx, this.sub(4, "font"), () => this.resolve()); }
  get wrapText(): boolean { return this.get_("wrapText"); }
  set wrapText(v: boolean) { this.set_("wrapText", v); }
  get columnWidth(): number { return this.get_("columnWidth"); }
  set columnWidth(v: number) { this.set_("columnWidth", v); }
  autofitColumns(): void { this.call("autofitColumns", [], () => undefined); }
}
export const PATTERNS = new Set(["Solid", "Gray75", "Gray50", "Gray25", "Gray16", "Gray8", "Horizontal", "Vertical", "Down", "Up", "Checker",
  "SemiGray75", "LightHorizontal", "LightVertical", "LightDown", "LightUp", "Grid", "CrissCross"]);

export class FillProxy extends ProxyBase<RangeTarget[]> implements XlRangeFill {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => RangeTarget[]) { super(ctx, "RangeFill", node); }
  protected target() { return this.find(); }
  protected override sheetOf(t: RangeTarget[]) { return t[0]?.sheet ?? null; }
  protected override permissions(): Permission[] { return ["format"]; }
  protected read(t: RangeTarget[], name: string): unknown {
    if (name === "color") return common(t, fillColor);
    if (name === "pattern") return common(t, fillPattern);
    if (name === "patternColor") return common(t, fillPatternColor);
    if (name === "tintAndShade") return common(t, fillTint);
    if (name === "patternTintAndShade") return common(t, fillPatternTint);
    throw new FakeExcelError("InvalidArgument", `fill.${name}`);
  }
  protected override write(t: RangeTarget[], name: string, value: unknown): void {
    if (name === "color") {
      const v = String(value);
      if (!/^#[0-9A-Fa-f]{6}$/.test(v)) throw new FakeExcelError("InvalidArgument", `fill.color ${v}`);
      // A new colour is untinted: a tint the cell had must be set again after it.
      eachCell(t, (cell) => {
        const keep = cell.fill && PATTERNS.has(cell.fill.pattern) ? cell.fill : null;
        cell.fill = { color: v.toUpperCase(), pattern: keep?.pattern ?? "Solid", ...(keep?.patternColor ? { patternColor: keep.patternColor } : {}), ...(keep?.patternTintAndShade ? { patternTintAndShade: keep.patternTintAndShade } : {}) };
      });
    } else if (name === "pattern") {
      const v = value === null ? "None" : String(value);
      if (v !== "None" && !PATTERNS.has(v)) throw new FakeExcelError("InvalidArgument", `fill.pattern ${v} cannot be set`);
      eachCell(t, (cell) => {
        const keep = cell.fill && !cell.fill.pattern.endsWith("Gradient") ? cell.fill : null;
        cell.fill = v === "None" ? null : { ...(keep ?? { color: "#000000" }), pattern: v };
      });
    } else if (name === "patternColor") {
      const v = String(value);
      if (!/^#[0-9A-Fa-f]{6}$/.test(v)) throw new FakeExcelError("InvalidArgument", `fill.patternColor ${v}`);
      eachCell(t, (cell) => { cell.fill = { ...(cell.fill && !cell.fill.pattern.endsWith("Gradient") ? cell.fill : { color: "#FFFFFF", pattern: "Solid" }), patternColor: v.toUpperCase() }; });
    } else if (name === "tintAndShade" || name === "patternTintAndShade") {
      const v = Number(value);
      if (typeof value !== "number" || !(v >= -1 && v <= 1)) throw new FakeExcelError("InvalidArgument", `fill.${name} ${String(value)}`);
      eachCell(t, (cell) => {
        if (!cell.fill || cell.fill.pattern.endsWith("Gradient")) throw new FakeExcelError("InvalidArgument", `fill.${name} on a cell without a pattern fill`);
        cell.fill = { ...cell.fill, [name]: v };
      });
    } else super.write(t, name, value);
  }
  get color(): string { return this.get_("color"); }
  set color(v: string) { this.set_("color", v); }
  get pattern(): string { return this.get_("pattern"); }
  set pattern(v: string) { this.set_("pattern", v); }
  get patternColor(): string { return this.get_("patternColor"); }
  set patternColor(v: string) { this.set_("patternColor", v); }
  get tintAndShade(): number { return this.get_("tintAndShade"); }
  set tintAndShade(v: number) { this.set_("tintAndShade", v); }
  get patternTintAndShade(): number { return this.get_("patternTintAndShade"); }
  set patternTintAndShade(v: number) { this.set_("patternTintAndShade", v); }
  load(names?: string | string[]): XlRangeFill { this.doLoad(names); return this; }
  clear(): void {
    this.call("clear", [], (t) => {
      for (const x of t) for (const [r, c, cell] of cellsIn(x)) { cell.fill = null; x.sheet.tidy(r, c); }
    });
  }
}

export class FontProxy extends ProxyBase<RangeTarget[]> implements XlRangeFont {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => RangeTarget[]) { super(ctx, "RangeFont", node); }
  protected target() { return this.find(); }
  protected override sheetOf(t: RangeTarget[]) { return t[0]?.sheet ?? null; }
  protected override permissions(): Permission[] { return ["format"]; }
  protected read(t: RangeTarget[], name: string): unknown {
    if (name === "bold") return common(t, (c) => c?.bold ?? false);
    if (name === "color") return common(t, (c) => c?.fontColor ?? "#000000");
    if (name === "underline") return common(t, (c) => c?.underline ?? "None");
    throw new FakeExcelError("InvalidArgument", `font.${name}`);
  }
  protected override write(t: RangeTarget[], name: string, value: unknown): void {
    if (name !== "bold" && name !== "color" && name !== "underline") super.write(t, name, value);
    eachCell(t, (cell) => {
      if (name === "bold") cell.bold = !!value;
      else if (name === "color") cell.fontColor = String(value);
      else cell.underline = value === "None" ? null : String(value);
    });
  }
  get bold(): boolean { return this.get_("bold"); }
  set bold(v: boolean) { this.set_("bold", v); }
  get color(): string { return this.get_("color"); }
  set color(v: string) { this.set_("color", v); }
  get underline(): string { return this.get_("underline"); }
  set underline(v: string) { this.set_("underline", v); }
}
