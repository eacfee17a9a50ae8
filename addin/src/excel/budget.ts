import type { XlContext } from "./surface.ts";

/**
 * Keeps every request and answer under Excel on the web's 5 MB payload limit, counting bytes the
 * way office.js serialises a batch: each queued operation is an action (`{"Id":…,"ActionType":…,
 * "Name":…,"ObjectPathId":…,"ArgumentInfo":{"Arguments":[…]}}`) and every object it goes through
 * (getRange(…), format, fill) an object path plus an Instantiate action. A fill set on one cell is
 * about 700 bytes, not the 40 its colour suggests. We aim for 4 MB and count generously.
 */
export const REQUEST_BUDGET = 4 * 1024 * 1024 - 256 * 1024;
/** What we let one answer grow to (the limit is 5 MB each way). */
export const RESPONSE_BUDGET = 3 * 1024 * 1024;
/** Rows per values write on report and rollup sheets. */
export const ROWS_PER_WRITE = 1000;
/** One object path with its Instantiate action (ids of up to six digits, a method name). */
export const PATH_BYTES = 200;
/** One action without its arguments. */
export const ACTION_BYTES = 110;

/** UTF-8 bytes of a JSON payload: Vietnamese letters take two or three bytes each. */
export function jsonBytes(payload: unknown): number {
  if (payload === undefined) return 0;
  const s = JSON.stringify(payload);
  let n = s.length;
  for (let i = 0; i < s.length; i++) { const c = s.charCodeAt(i); if (c > 0x7f) n += c > 0x7ff ? 2 : 1; }
  return n;
}

/** The wire cost of `actions` actions reaching their object through `paths` new object paths. */
export function wire(paths: number, actions: number, payload?: unknown): number {
  return paths * PATH_BYTES + actions * ACTION_BYTES + jsonBytes(payload);
}

/** One values (or formulas, numberFormat) write of `payload` to a fresh getRange. */
export function estimate(payload: unknown): number {
  return wire(1, 1, payload);
}

export class RequestBudget {
  private bytes = 0;
  extraSyncs = 0;
  constructor(private readonly ctx: XlContext, private readonly limit = REQUEST_BUDGET) {}

  /** Counts one queued write of `payload` on a fresh range (or `bytes` counted by the caller). */
  add(payload?: unknown): void { this.bytes += estimate(payload); }
  addBytes(bytes: number): void { this.bytes += bytes; }

  /** Call before queuing a piece of about `next` bytes: syncs first if it would not fit. */
  async room(next = 0): Promise<void> {
    if (this.bytes > 0 && this.bytes + next > this.limit) {
      await this.ctx.sync();
      this.extraSyncs++;
      this.bytes = 0;
    }
  }

  /** Called after a sync the caller made itself. */
  reset(): void { this.bytes = 0; }
}
