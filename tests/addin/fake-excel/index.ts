/** The fake Excel host: the only stand-in the project allows, for Excel itself. */
export { FakeExcelHost, FakeExcelError, WEB_PAYLOAD_LIMIT, parseBox, quoteSheet, type SyncRecord, type FakeHostOptions, type FakeRunOptions } from "./host.ts";
export { FakeWorkbook, FakeSheet, snapshot, type FakeCell, type FakeFill } from "./model.ts";
export { fromExcelJs, loadXlsx } from "./load.ts";
