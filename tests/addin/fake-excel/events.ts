/**
 * Worksheet events as Excel keeps them: a handler is registered at the sync after `add`, and
 * removed only by `remove()` synced in the context that added it (Excel.run with
 * `previousObjects`); calling it once that context's batch has ended is refused, where office.js
 * would silently leave the handler in place. The host's registry is what tests count for leaks.
 */
import type { XlEventHandle, XlEventSource } from "../../../addin/src/excel/surface.ts";
import type { FakeContext } from "./context.ts";
import type { FakeSheet } from "./model.ts";
import type { PathNode } from "./request.ts";

export function eventSource<E>(ctx: FakeContext, node: PathNode, sheet: () => FakeSheet, registry: Map<FakeSheet, ((e: E) => Promise<unknown>)[]>): XlEventSource<E> {
  return {
    add: (handler): XlEventHandle => {
      // office.js registers the handler at the next sync; the stand-in counts it as an action.
      ctx.queue(node, 3, "Add", { ArgumentInfo: { Arguments: [] } }, () => {
        const s = sheet();
        registry.set(s, [...(registry.get(s) ?? []), handler]);
      }, "none");
      return {
        context: ctx,
        remove: () => {
          ctx.queue(node, 3, "Remove", { ArgumentInfo: { Arguments: [] } }, () => {
            for (const [s, list] of registry) {
              const rest = list.filter((h) => h !== handler);
              if (rest.length) registry.set(s, rest); else registry.delete(s);
            }
          }, "none");
        },
      };
    },
  };
}
