/**
 * office.js' request format. The stand-in builds its own copy of each request (object paths and
 * actions in PascalCase, serialised as JSON, measured in UTF-8 bytes); when the host is given the
 * real office.js request builder (office-js-node.ts), the same calls are mirrored onto real
 * office.js objects and the real request's bytes are what count (see README.md).
 */
export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  actions: number;
  /** The stand-in's own count of the request, kept beside the real one for comparison. */
  standInBytes: number;
  /** Actions in office.js' own request (0 when the stand-in counted alone). */
  realActions: number;
  /** Who counted `requestBytes`: the real office.js request builder, or the stand-in alone. */
  countedBy: "office.js" | "stand-in";
}

export const byteLength = (s: string) => new TextEncoder().encode(s).length;
export const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);
export const camel = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

/** office.js' ObjectPathInfo: 1 root, 3 method, 4 property, 5 indexer. */
export interface PathInfo { Id: number; ObjectPathType: number; Name: string; ParentObjectPathId?: number; ArgumentInfo?: { Arguments?: unknown[] } }
export interface PathNode {
  info: PathInfo;
  parent: PathNode | null;
  /** The real office.js object this path mirrors, made when first needed; null when none can be. */
  shadow?: () => RealObject | null;
}
/** office.js' ActionInfo: 1 Instantiate, 2 Query, 3 Method, 4 SetProperty. */
export interface ActionInfo { Id: number; ActionType: number; Name: string; ObjectPathId: number; ArgumentInfo?: { Arguments?: unknown[] }; QueryInfo?: unknown }
export interface Action { info: ActionInfo; run: () => unknown }

/** A real office.js client object, reached by member name only. */
export type RealObject = Record<string, unknown>;

/** One request office.js sent: its body's UTF-8 bytes and actions; `cleanup` when sent after the batch's body ended (Excel.run's closing sync and clean-up). */
export interface RealRequest { bytes: number; actions: number; cleanup: boolean }

/** One Excel.run of the real office.js runtime, over an executor that records instead of sending. */
export interface RealBatch {
  /** The real `context.workbook`: the root object of every path. */
  readonly workbook: RealObject;
  /** The real `context.sync()`: builds and "sends" what the mirrored calls queued. */
  sync(): Promise<void>;
  /** Runs `body` inside the real Excel.run, so its clean-up request is sent (and recorded) too. */
  run<T>(body: () => Promise<T>): Promise<T>;
  /**
   * Members this office.js build does not have yet (notes arrived after it): built with office.js'
   * own generic helpers, so they are encoded as the runtime encodes every member. Names are PascalCase.
   */
  readonly generic: {
    property(parent: RealObject, name: string): RealObject;
    method(parent: RealObject, name: string, args: unknown[]): RealObject;
    set(o: RealObject, name: string, value: unknown): void;
    invoke(o: RealObject, name: string, args: unknown[]): void;
    load(o: RealObject, names: unknown[]): void;
  };
}

/** The real request builder, loaded where it can run (Node: office-js-node.ts). */
export interface RequestBuilder {
  open(excelApi: string, onRequest: (r: RealRequest) => void): RealBatch;
}
