/** Tables: names unique across the workbook, as Excel keeps them. */
import type { XlTable, XlTableCollection } from "../../../addin/src/excel/surface.ts";
import { boxAddress, parseBox } from "./cells.ts";
import type { FakeContext } from "./context.ts";
import { FakeExcelError } from "./errors.ts";
import type { FakeSheet } from "./model.ts";
import { ProxyBase } from "./proxy-base.ts";
import type { PathNode } from "./request.ts";

export type TableModel = FakeSheet["tables"][number];

export class TableCollectionProxy extends ProxyBase<FakeSheet> implements XlTableCollection {
  constructor(ctx: FakeContext, node: PathNode, private readonly sheet: () => FakeSheet) { super(ctx, "TableCollection", node); }
  protected target() { return this.sheet(); }
  protected override sheetOf(s: FakeSheet) { return s; }
  protected read(s: FakeSheet, name: string): unknown {
    if (!name.startsWith("items")) throw new FakeExcelError("InvalidArgument", `tables.${name}`);
    const items = s.tables.map((t) => new TableProxy(this.ctx, this.ctx.child(this.node, 5, "", [t.name]), () => (s.tables.includes(t) ? t : null), s));
    items.forEach((p) => p.preload());
    this.data.set("items", items);
    return s.tables.map((t) => ({ name: t.name }));
  }
  get items(): XlTable[] { return this.get_("items"); }
  load(names?: string | string[]): XlTableCollection { this.doLoad(names); return this; }
  add(address: string, hasHeaders: boolean): XlTable {
    let created: TableModel | null = null;
    const node = this.sub(3, "add", [address, hasHeaders]);
    this.call("add", [address, hasHeaders], (s) => {
      const all = this.ctx.wb.sheets.flatMap((x) => x.tables);
      created = { name: `Table${all.length + 1}`, address: boxAddress(parseBox(address)), style: "TableStyleMedium2" };
      s.tables.push(created);
    }, true, "none");
    return new TableProxy(this.ctx, node, () => created, this.sheet);
  }
}

export class TableProxy extends ProxyBase<TableModel> implements XlTable {
  private readonly sheetFn: () => FakeSheet;
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => TableModel | null, sheet: FakeSheet | (() => FakeSheet)) {
    super(ctx, "Table", node);
    this.sheetFn = typeof sheet === "function" ? sheet : () => sheet;
  }
  protected target() { return this.find(); }
  preload(): void { const t = this.find(); if (t) { this.data.set("name", t.name); this.data.set("isNullObject", false); } }
  protected read(t: TableModel, name: string): unknown {
    if (name === "name") return t.name;
    if (name === "style") return t.style;
    throw new FakeExcelError("InvalidArgument", `table.${name}`);
  }
  protected override write(t: TableModel, name: string, value: unknown): void {
    if (name === "name") {
      if (this.ctx.wb.sheets.some((s) => s.tables.some((x) => x !== t && x.name.toLowerCase() === String(value).toLowerCase()))) {
        throw new FakeExcelError("InvalidArgument", `table name ${String(value)} is taken`);
      }
      t.name = String(value);
    } else if (name === "style") t.style = String(value);
    else super.write(t, name, value);
  }
  get name(): string { return this.get_("name"); }
  set name(v: string) { this.set_("name", v); }
  get style(): string { return this.get_("style"); }
  set style(v: string) { this.set_("style", v); }
  load(names?: string | string[]): XlTable { this.doLoad(names); return this; }
  delete(): void {
    this.call("delete", [], (t) => { const s = this.sheetFn(); s.tables.splice(s.tables.indexOf(t), 1); });
  }
}

