/**
 * office.js' request format, as the stand-in counts it: object paths and actions in PascalCase,
 * serialised as JSON, measured in UTF-8 bytes.
 */
export interface SyncRecord { requestBytes: number; responseBytes: number; actions: number }

export const byteLength = (s: string) => new TextEncoder().encode(s).length;
export const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** office.js' ObjectPathInfo: 1 root, 3 method, 4 property, 5 indexer. */
export interface PathInfo { Id: number; ObjectPathType: number; Name: string; ParentObjectPathId?: number; ArgumentInfo?: { Arguments?: unknown[] } }
export interface PathNode { info: PathInfo; parent: PathNode | null }
/** office.js' ActionInfo: 1 Instantiate, 2 Query, 3 Method, 4 SetProperty. */
export interface ActionInfo { Id: number; ActionType: number; Name: string; ObjectPathId: number; ArgumentInfo?: { Arguments?: unknown[] }; QueryInfo?: unknown }
export interface Action { info: ActionInfo; run: () => unknown }
