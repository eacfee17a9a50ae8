// A stacked copy's columns as views of its row in the stack (readSheets reads copies of one form
// into shared columns). Most hosts validate the stack and never look at a copy's own columns,
// so a view is made when it is first asked for, not when the copy is read, and the codes are
// looked up in the stack's one index: 1,000 forms of 300 indicators would otherwise make
// 600,000 subarrays no one reads, and 2,000 maps of 300 entries when a host reads them all.
import type { FormStack, StackIndex } from "./read-types.ts";

type Col = FormStack["columns"] extends Map<string, infer C> ? C : never;

export function stackIndex(columns: FormStack["columns"]): StackIndex {
  const codes = [...columns.keys()];
  return { codes, at: new Map(codes.map((c, k) => [c, k] as const)) };
}

/** A Map whose entries are made on first use; it is a Map in every other way. */
export class StackViews<T extends Float64Array | Int8Array> extends Map<string, T> {
  /** The stack's columns while no entry was set or deleted; null once the entries live in the Map itself. */
  #source: FormStack["columns"] | null;
  readonly #index: StackIndex;
  readonly #pick: (c: Col) => Float64Array | Int8Array;
  readonly #off: number;
  readonly #n: number;
  #views: (T | undefined)[] | null = null;

  constructor(source: FormStack["columns"], index: StackIndex, pick: (c: Col) => T, off: number, n: number) {
    super();
    this.#source = source;
    this.#index = index;
    this.#pick = pick;
    this.#off = off;
    this.#n = n;
  }

  /**
   * The object whose keys are this map's keys while no view has been set or deleted (the stack's
   * columns: every copy of one stack has the same codes), else the map itself. Lets a check
   * that depends only on which codes a table holds decide once per stack.
   */
  get keySource(): object { return this.#source ?? this; }

  /** The k-th code's view; the stack's columns as they are now (readSheets trims them once every copy is read). */
  #view(k: number): T {
    const views = (this.#views ??= new Array(this.#index.codes.length));
    let v = views[k];
    if (v === undefined) {
      v = this.#pick(this.#source!.get(this.#index.codes[k]!)!).subarray(this.#off, this.#off + this.#n) as T;
      views[k] = v;
    }
    return v;
  }

  /** Before a change: the entries moved into the Map itself, which from then on is a plain Map. */
  #own(): void {
    if (!this.#source) return;
    const { codes } = this.#index;
    for (let k = 0; k < codes.length; k++) super.set(codes[k]!, this.#view(k));
    this.#source = null;
    this.#views = null;
  }

  override get size(): number { return this.#source ? this.#index.codes.length : super.size; }
  override get(key: string): T | undefined {
    if (!this.#source) return super.get(key);
    const k = this.#index.at.get(key);
    return k === undefined ? undefined : this.#view(k);
  }
  override has(key: string): boolean { return this.#source ? this.#index.at.has(key) : super.has(key); }
  override set(key: string, value: T): this { this.#own(); return super.set(key, value); }
  override delete(key: string): boolean { this.#own(); return super.delete(key); }
  override clear(): void { this.#source = null; this.#views = null; super.clear(); }
  override forEach(fn: (value: T, key: string, map: Map<string, T>) => void, thisArg?: unknown): void {
    if (!this.#source) { super.forEach(fn, thisArg); return; }
    const { codes } = this.#index;
    for (let k = 0; k < codes.length; k++) fn.call(thisArg, this.#view(k), codes[k]!, this);
  }
  override entries(): MapIterator<[string, T]> { return this.#source ? this.#entries() : super.entries(); }
  override keys(): MapIterator<string> { return this.#source ? (this.#index.codes.values() as unknown as MapIterator<string>) : super.keys(); }
  override values(): MapIterator<T> { return this.#source ? this.#values() : super.values(); }
  override [Symbol.iterator](): MapIterator<[string, T]> { return this.entries(); }

  *#entries(): MapIterator<[string, T]> {
    const { codes } = this.#index;
    for (let k = 0; k < codes.length; k++) yield [codes[k]!, this.#view(k)];
  }
  *#values(): MapIterator<T> {
    const { codes } = this.#index;
    for (let k = 0; k < codes.length; k++) yield this.#view(k);
  }
}
