/** The fake Excel host: the only stand-in the project allows, for Excel itself. */
export { FakeExcelHost } from "./host.ts";
export { FakeExcelError } from "./errors.ts";
export { WEB_PAYLOAD_LIMIT } from "./limits.ts";
export { parseBox, quoteSheet } from "./cells.ts";
export type { SyncRecord } from "./request.ts";
export type { FakeHostOptions, FakeRunOptions } from "./host-options.ts";
export { FakeWorkbook, FakeSheet, snapshot, type FakeCell, type FakeFill } from "./model.ts";
export { fromExcelJs, loadXlsx } from "./load.ts";
