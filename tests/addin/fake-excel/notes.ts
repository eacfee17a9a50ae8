/** Notes (ExcelApi 1.18) and threaded comments (1.10): a cell holds one or the other, never both. */
import type { XlComment, XlCommentCollection, XlNote, XlNoteCollection, XlRange } from "../../../addin/src/excel/surface.ts";
import { parseBox } from "./cells.ts";
import type { FakeContext } from "./context.ts";
import { FakeExcelError } from "./errors.ts";
import type { FakeSheet } from "./model.ts";
import { ProxyBase, type Permission } from "./proxy-base.ts";
import { RangeProxy } from "./range.ts";
import type { PathNode } from "./request.ts";

export interface NoteTarget { sheet: FakeSheet; r: number; c: number }

export function singleCell(address: string): { r: number; c: number } {
  const b = parseBox(address);
  if (b.r0 !== b.r1 || b.c0 !== b.c1) throw new FakeExcelError("InvalidCellAddress", address);
  return { r: b.r0, c: b.c0 };
}

export class NoteCollectionProxy extends ProxyBase<FakeSheet> implements XlNoteCollection {
  constructor(ctx: FakeContext, node: PathNode, private readonly sheet: () => FakeSheet) { super(ctx, "NoteCollection", node); }
  protected target() { return this.sheet(); }
  protected override sheetOf(s: FakeSheet) { return s; }
  protected override permissions(): Permission[] { return ["objects"]; }
  protected read(): unknown { throw new FakeExcelError("InvalidArgument", "notes: load items through getItem"); }
  add(cellAddress: string, content: string): XlNote {
    const { r, c } = singleCell(cellAddress);
    const node = this.sub(3, "add", [cellAddress, content]);
    this.call("add", [cellAddress, content], (s) => {
      const cell = s.get(r, c);
      if (cell?.note != null) throw new FakeExcelError("InvalidArgument", `a note exists at ${cellAddress}`);
      if (cell?.comment != null) throw new FakeExcelError("InvalidOperation", `${cellAddress} holds a comment; a cell cannot have both`);
      s.cell(r, c).note = String(content);
    }, true, "none");
    return new NoteProxy(this.ctx, node, () => ({ sheet: this.sheet(), r, c }), false);
  }
  getItemOrNullObject(key: string): XlNote {
    const { r, c } = singleCell(key);
    return new NoteProxy(this.ctx, this.sub(3, "getItemOrNullObject", [key]), () => {
      const s = this.sheet();
      return s.get(r, c)?.note != null ? { sheet: s, r, c } : null;
    }, true);
  }
}

export class NoteProxy extends ProxyBase<NoteTarget> implements XlNote {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => NoteTarget | null, nullable: boolean) {
    super(ctx, "Note", node);
    this.nullable = nullable;
  }
  protected target() { return this.find(); }
  protected override sheetOf(t: NoteTarget) { return t.sheet; }
  protected override permissions(): Permission[] { return ["objects"]; }
  protected read(t: NoteTarget, name: string): unknown {
    if (name === "content") return t.sheet.get(t.r, t.c)?.note ?? "";
    throw new FakeExcelError("InvalidArgument", `note.${name}`);
  }
  protected override write(t: NoteTarget, name: string, value: unknown): void {
    if (name === "content") t.sheet.cell(t.r, t.c).note = String(value);
    else super.write(t, name, value);
  }
  get content(): string { return this.get_("content"); }
  set content(v: string) { this.set_("content", v); }
  load(names?: string | string[]): XlNote { this.doLoad(names); return this; }
  delete(): void {
    this.call("delete", [], (t) => { t.sheet.cell(t.r, t.c).note = null; t.sheet.tidy(t.r, t.c); });
  }
}

export class CommentCollectionProxy extends ProxyBase<FakeSheet> implements XlCommentCollection {
  constructor(ctx: FakeContext, node: PathNode, private readonly sheet: () => FakeSheet) { super(ctx, "CommentCollection", node); }
  protected target() { return this.sheet(); }
  protected read(s: FakeSheet, name: string): unknown {
    if (!name.startsWith("items")) throw new FakeExcelError("InvalidArgument", `comments.${name}`);
    const cells = [...s.entries()].filter(([, , cell]) => cell.comment != null).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const items = cells.map(([r, c], i) => new CommentProxy(this.ctx, this.ctx.child(this.node, 5, "", [`c${i}`]), () => ({ sheet: s, r, c })));
    this.data.set("items", items);
    return cells.map(([, , cell], i) => ({ Id: `c${i}`, Content: cell.comment }));
  }
  get items(): XlComment[] { return this.get_("items"); }
  load(names?: string | string[]): XlCommentCollection { this.doLoad(names); return this; }
}

export class CommentProxy extends ProxyBase<NoteTarget> implements XlComment {
  constructor(ctx: FakeContext, node: PathNode, private readonly find: () => NoteTarget) { super(ctx, "Comment", node); }
  protected target() { return this.find(); }
  protected read(t: NoteTarget, name: string): unknown {
    if (name === "content") return t.sheet.get(t.r, t.c)?.comment ?? "";
    throw new FakeExcelError("InvalidArgument", `comment.${name}`);
  }
  load(names?: string | string[]): XlComment { this.doLoad(names); return this; }
  getLocation(): XlRange {
    const node = this.sub(3, "getLocation", []);
    return new RangeProxy(this.ctx, node, () => { const t = this.resolve(); return { sheet: t.sheet, box: { r0: t.r, c0: t.c, r1: t.r, c1: t.c } }; });
  }
}
