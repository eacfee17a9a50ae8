/** What every proxy shares: queued loads into a snapshot, getters that refuse what was not loaded, writes guarded by protection. */
import type { FakeSheet } from "./model.ts";
import type { FakeContext, Mirror } from "./context.ts";
import { FakeExcelError } from "./errors.ts";
import { pascal, type PathNode } from "./request.ts";

/** What a write needs on a protected sheet: unlocked cells, or one of the protection's permissions. */
export type Permission = "content" | "format" | "columns" | "objects" | "never";

/** Property names from Office.js load syntax: "a,b", ["a","b"], "items/name". */
export function loadNames(names?: string | string[]): string[] {
  const list = (Array.isArray(names) ? names : (names ?? "").split(",")).map((s) => s.trim()).filter(Boolean);
  // "items/name,items/visibility" is one load of the items with two properties each.
  const items = list.filter((n) => n === "items" || n.startsWith("items/"));
  const rest = list.filter((n) => !items.includes(n));
  return items.length ? [...rest, `items/${items.map((n) => (n.includes("/") ? n.slice(6) : "name")).join(",")}`] : rest;
}

/** Shared machinery: queued loads into a snapshot, getters that refuse unloaded properties. */
export abstract class ProxyBase<T> {
  protected data = new Map<string, unknown>();
  constructor(readonly ctx: FakeContext, readonly kind: string, readonly node: PathNode) {}
  /** A readable path for messages. */
  get path(): string {
    const parts: string[] = [];
    for (let n: PathNode | null = this.node; n && n.info.ObjectPathType !== 1; n = n.parent) {
      const args = n.info.ArgumentInfo?.Arguments;
      parts.unshift(`${n.info.Name}${args ? `(${args.map((a) => JSON.stringify(a)).join(",")})` : ""}`);
    }
    return parts.join(".");
  }
  /** The live object at sync time; null for a null object. */
  protected abstract target(): T | null;
  protected abstract read(t: T, name: string): unknown;
  protected write(_t: T, name: string, _value: unknown): void {
    throw new FakeExcelError("InvalidArgument", `${this.path}.${name} is read-only here`);
  }
  protected nullable = false;
  /** Sheet whose protection refuses this object's writes, if any. */
  protected sheetOf(_t: T): FakeSheet | null { return null; }
  /** What a write of `name` needs on a protected sheet; by default nothing allows it. */
  protected permissions(_name: string, _args: unknown[]): Permission[] { return ["never"]; }
  /** Whether every cell the object covers is unlocked (for typing on a protected sheet). */
  protected allUnlocked(_t: T): boolean { return false; }
  protected guardWrite(t: T, what: string, name: string, args: unknown[]): void {
    const s = this.sheetOf(t);
    if (!s?.protected) return;
    const o = s.protectionOptions;
    for (const need of this.permissions(name, args)) {
      const ok = need === "content" ? this.allUnlocked(t) : need === "format" ? o.allowFormatCells : need === "columns" ? o.allowFormatColumns : need === "objects" ? o.allowEditObjects : false;
      const why = need === "content" ? "locked cells" : need === "format" ? "formatting cells is not allowed" : need === "columns" ? "formatting columns is not allowed" : need === "objects" ? "editing objects (notes) is not allowed" : "this cannot be changed";
      if (!ok) throw new FakeExcelError("AccessDenied", `${what}: the sheet "${s.name}" is protected (${why})`);
    }
  }

  protected resolve(): T {
    const t = this.target();
    if (t === null) throw new FakeExcelError("ItemNotFound", this.path);
    return t;
  }
  protected member(name: string, write = false): void {
    this.ctx.alive(`${this.path}.${name}`);
    this.ctx.host.requireMember(this.kind, name, write);
  }
  protected get_(name: string): never {
    this.member(name);
    if (!this.data.has(name)) throw new FakeExcelError("PropertyNotLoaded", `${this.path}.${name}: call load() and sync() first`);
    return this.data.get(name) as never;
  }
  protected set_(name: string, value: unknown): void {
    this.member(name, true);
    this.ctx.queue(this.node, 4, pascal(name), { ArgumentInfo: { Arguments: [value] } }, () => {
      const t = this.resolve();
      this.guardWrite(t, `${this.path}.${name}`, name, [value]);
      this.write(t, name, value);
    });
  }
  protected call(name: string, args: unknown[], fn: (t: T) => unknown, writes = true, mirror: Mirror = "auto"): void {
    this.member(name);
    this.ctx.queue(this.node, 3, pascal(name), { ArgumentInfo: { Arguments: args } }, () => {
      const t = this.resolve();
      if (writes) this.guardWrite(t, `${this.path}.${name}`, name, args);
      return fn(t);
    }, mirror);
  }
  /** A child object reached through a property (type 4) or a method (type 3). */
  protected sub(type: number, name: string, args?: unknown[]): PathNode {
    this.member(name);
    return this.ctx.child(this.node, type, pascal(name), args);
  }
  get isNullObject(): boolean {
    this.ctx.alive(`${this.path}.isNullObject`);
    if (!this.data.has("isNullObject")) throw new FakeExcelError("PropertyNotLoaded", `${this.path}.isNullObject`);
    return this.data.get("isNullObject") as never;
  }

  protected doLoad(names?: string | string[]): void {
    const list = loadNames(names);
    for (const n of list) this.member(n.startsWith("items") ? "items" : n.split("/")[0]!);
    this.ctx.queue(this.node, 2, "", { QueryInfo: { Select: list.map((n) => n.split("/").map(pascal).join("/")), Expand: [] } }, () => {
      const t = this.nullable ? this.target() : this.resolve();
      this.data.set("isNullObject", t === null);
      if (t === null) return { isNullObject: true };
      const out: Record<string, unknown> = {};
      for (const n of list) {
        const v = this.read(t, n);
        this.data.set(n, v);
        out[pascal(n)] = v;
      }
      return out;
    }, (real) => { this.ctx.realLoad(real, names === undefined ? [] : [names]); });
  }
}
