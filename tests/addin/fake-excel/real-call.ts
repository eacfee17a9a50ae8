/** Reaching a real office.js object's members by name, failing clearly where it has none. */
import type { RealObject } from "./request.ts";

export function member(o: RealObject, name: string): unknown {
  if (!(name in o)) throw new Error(`office.js has no ${name}`);
  return o[name];
}

/** The real method `name` of `o`, called with `args`. */
export function realCall(o: RealObject, name: string, args: unknown[]): unknown {
  const f = member(o, name);
  if (typeof f !== "function") throw new Error(`office.js' ${name} is not a method`);
  return (f as (...a: unknown[]) => unknown).apply(o, args);
}
