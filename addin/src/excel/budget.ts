import type { XlContext } from "./surface.ts";

/**
 * Keeps every request under Excel on the web's payload limit (5 MB; we aim for 3 MB, since our
 * estimate of Office.js' JSON encoding is rough). Writes are queued in pieces (rows in blocks);
 * only when the queued estimate crosses the budget does a piece trigger an extra sync, so normal
 * sheets cost a fixed number of syncs and only pathological ones pay for more.
 */
export const REQUEST_BUDGET = 3 * 1024 * 1024;
/** Rows per values write on report and rollup sheets. */
export const ROWS_PER_WRITE = 1000;
/** Office.js' per-action envelope (ids, object path, action type), generously. */
const ACTION_OVERHEAD = 160;

export class RequestBudget {
  private bytes = 0;
  extraSyncs = 0;
  constructor(private readonly ctx: XlContext, private readonly limit = REQUEST_BUDGET) {}

  /** Counts one queued action carrying `payload`. */
  add(payload?: unknown): void {
    this.bytes += ACTION_OVERHEAD + (payload === undefined ? 0 : JSON.stringify(payload).length * 1.1);
  }

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

export function estimate(payload: unknown): number {
  return ACTION_OVERHEAD + JSON.stringify(payload).length * 1.1;
}
