/**
 * One Excel.run's batch: actions queue until `sync()`, which serialises them as office.js does
 * (counting the bytes), then runs them in order; the first failure stops the rest.
 */
import type { XlChangedEvent, XlContext, XlRange, XlRowHiddenEvent, XlWorkbookProtection, XlWorksheetCollection } from "../../../addin/src/excel/surface.ts";
import { FakeExcelError } from "./errors.ts";
import { WEB_PAYLOAD_LIMIT } from "./limits.ts";
import type { FakeSheet, FakeWorkbook } from "./model.ts";
import { byteLength, type Action, type ActionInfo, type PathInfo, type PathNode, type SyncRecord } from "./request.ts";

/** What a batch needs from the host it runs on (the host implements it; kept here so no import runs back up). */
export interface BatchHost {
  readonly workbook: FakeWorkbook;
  readonly mode: "web" | "desktop";
  readonly syncs: SyncRecord[];
  readonly changeHandlers: Map<FakeSheet, ((e: XlChangedEvent) => Promise<unknown>)[]>;
  readonly rowHiddenHandlers: Map<FakeSheet, ((e: XlRowHiddenEvent) => Promise<unknown>)[]>;
  cellEditGate(delay: boolean): Promise<void>;
  requireApi(version: string, what: string): void;
  requireMember(kind: string, member: string, write?: boolean): void;
  limitError(clean: string, message: string): FakeExcelError;
  cellLimit(): "error" | "null";
  changed(): void;
}

/** The workbook's members as a batch sees them, built over the context's workbook path. */
export interface WorkbookSurface { worksheets: XlWorksheetCollection; getSelectedRange(): XlRange; readonly protection: XlWorkbookProtection }

export class FakeContext implements XlContext {
  closed = false;
  private nextId = 1;
  private actions: Action[] = [];
  private paths = new Map<number, PathInfo>();
  private instantiated = new Set<number>();
  readonly root: PathNode;
  readonly workbook: WorkbookSurface;
  constructor(readonly host: BatchHost, private readonly delayForCellEdit: boolean, surface: (ctx: FakeContext, workbook: PathNode) => WorkbookSurface) {
    this.root = { info: { Id: this.id(), ObjectPathType: 1, Name: "" }, parent: null };
    const wb: PathNode = { info: { Id: this.id(), ObjectPathType: 4, Name: "Workbook", ParentObjectPathId: this.root.info.Id }, parent: this.root };
    this.workbook = surface(this, wb);
  }
  get wb(): FakeWorkbook { return this.host.workbook; }
  id(): number { return this.nextId++; }
  child(parent: PathNode, type: number, name: string, args?: unknown[]): PathNode {
    const info: PathInfo = { Id: this.id(), ObjectPathType: type, Name: name, ParentObjectPathId: parent.info.Id };
    if (args) info.ArgumentInfo = { Arguments: args };
    return { info, parent };
  }
  alive(what: string): void {
    if (this.closed) throw new FakeExcelError("InvalidObjectPath", `${what} was used after its Excel.run ended`);
  }
  private instantiate(node: PathNode | null): void {
    if (!node || this.instantiated.has(node.info.Id)) return;
    this.instantiate(node.parent);
    this.instantiated.add(node.info.Id);
    this.paths.set(node.info.Id, node.info);
    this.actions.push({ info: { Id: this.id(), ActionType: 1, Name: "", ObjectPathId: node.info.Id }, run: () => undefined });
  }
  queue(node: PathNode, type: number, name: string, extra: Pick<ActionInfo, "ArgumentInfo" | "QueryInfo">, run: () => unknown): void {
    this.alive(name || "an object");
    this.instantiate(node);
    this.actions.push({ info: { Id: this.id(), ActionType: type, Name: name, ObjectPathId: node.info.Id, ...extra }, run });
  }

  async sync(): Promise<void> {
    this.alive("context.sync");
    await this.host.cellEditGate(this.delayForCellEdit);
    const actions = this.actions;
    const body = { AutoKeepReference: false, Actions: actions.map((a) => a.info), ObjectPaths: Object.fromEntries(this.paths) };
    this.actions = [];
    this.paths = new Map();
    this.instantiated = new Set();
    const requestBytes = byteLength(JSON.stringify(body));
    const record: SyncRecord = { requestBytes, responseBytes: 0, actions: actions.length };
    this.host.syncs.push(record);
    const web = this.host.mode === "web";
    if (web && requestBytes > WEB_PAYLOAD_LIMIT) throw this.host.limitError("RequestPayloadSizeLimitExceeded", `${requestBytes} bytes`);
    const results: string[] = [];
    try {
      for (const a of actions) {
        const out = a.run();
        if (out !== undefined) results.push(`{"ActionId":${a.info.Id},"Value":${JSON.stringify(out)}}`);
      }
    } finally {
      record.responseBytes = byteLength(`{"Results":[${results.join(",")}]}`);
      this.host.changed();
    }
    if (web && record.responseBytes > WEB_PAYLOAD_LIMIT) throw this.host.limitError("ResponsePayloadSizeLimitExceeded", `${record.responseBytes} bytes`);
  }
}
