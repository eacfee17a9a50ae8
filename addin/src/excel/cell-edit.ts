import type { XlContext, XlRun, XlSyncContext } from "./surface.ts";

/** `Excel.run(options, batch)`, or the fake host's `runWith`. */
export type XlRunWithOptions = <T>(options: { delayForCellEdit?: boolean; previousObjects?: XlSyncContext }, batch: (context: XlContext) => Promise<T>) => Promise<T>;

export interface CellEditRetry {
  /** Waits before each new try, in ms; the last is repeated. The clerk may type for a while. */
  waits?: readonly number[];
  /** How many tries in all before giving up with Excel's error. */
  tries?: number;
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_WAITS = [250, 500, 1000, 2000];
const DEFAULT_TRIES = 40;

export function isCellEditFailure(e: unknown): boolean {
  return (e as { code?: unknown })?.code === "InvalidOperationInCellEditMode";
}

/**
 * Every batch asks Excel to wait while the clerk is typing in a cell (`delayForCellEdit`): the
 * pane checks again 800 ms after an edit, usually while the next cell is being typed. A runtime
 * that ignores the option still fails such a batch with InvalidOperationInCellEditMode before
 * anything of that sync is done, so the batch is run again from the start after a pause; the
 * adapter's batches read what is there before they write, so a second run is safe.
 */
export function cellEditSafeRun(runWith: XlRunWithOptions, opts: CellEditRetry = {}): XlRun {
  const waits = opts.waits ?? DEFAULT_WAITS;
  const tries = opts.tries ?? DEFAULT_TRIES;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((ok) => setTimeout(ok, ms)));
  return async <T>(batch: (context: XlContext) => Promise<T>, previous?: XlSyncContext): Promise<T> => {
    const options = previous ? { delayForCellEdit: true, previousObjects: previous } : { delayForCellEdit: true };
    for (let attempt = 0; ; attempt++) {
      try {
        return await runWith(options, batch);
      } catch (e) {
        if (!isCellEditFailure(e) || attempt + 1 >= tries) throw e;
        await sleep(waits[Math.min(attempt, waits.length - 1)]!);
      }
    }
  };
}
