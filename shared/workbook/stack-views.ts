// A stacked copy's columns as views of its row in the stack (readSheets reads copies of one form
// into shared columns). Most hosts validate the stack and never look at a copy's own columns,
// so the views are made when the map is first used, not when the copy is read: 1,000 forms of
// 300 indicators would otherwise make 600,000 subarrays no one reads.
import type { FormStack } from "./read-types.ts";

type Col = FormStack["columns"] extends Map<string, infer C> ? C : never;

/** A Map whose entries are made on first use; it is a Map in every other way. */
export class StackViews<T extends Float64Array | Int8Array> extends Map<string, T> {
  #source: FormStack["columns"] | null;
  readonly #pick: (c: Col) => Float64Array | Int8Array;
  readonly #off: number;
  readonly #n: number;

  constructor(source: FormStack["columns"], pick: (c: Col) => T, off: number, n: number) {
    super();
    this.#source = source;
    this.#pick = pick;
    this.#off = off;
    this.#n = n;
  }

  #fill(): void {
    const source = this.#source;
    if (!source) return;
    this.#source = null;
    // The stack's columns as they are now (readSheets trims them once every copy is read).
    for (const [code, c] of source) super.set(code, this.#pick(c).subarray(this.#off, this.#off + this.#n) as T);
  }

  override get size(): number { this.#fill(); return super.size; }
  override get(key: string): T | undefined { this.#fill(); return super.get(key); }
  override has(key: string): boolean { this.#fill(); return super.has(key); }
  override set(key: string, value: T): this { this.#fill(); return super.set(key, value); }
  override delete(key: string): boolean { this.#fill(); return super.delete(key); }
  override clear(): void { this.#source = null; super.clear(); }
  override forEach(fn: (value: T, key: string, map: Map<string, T>) => void, thisArg?: unknown): void { this.#fill(); super.forEach(fn, thisArg); }
  override entries(): MapIterator<[string, T]> { this.#fill(); return super.entries(); }
  override keys(): MapIterator<string> { this.#fill(); return super.keys(); }
  override values(): MapIterator<T> { this.#fill(); return super.values(); }
  override [Symbol.iterator](): MapIterator<[string, T]> { this.#fill(); return super[Symbol.iterator](); }
}
