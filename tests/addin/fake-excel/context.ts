/**
 * One Excel.run's batch: actions queue until `sync()`, which serialises them as office.js does
 * (counting the bytes), then runs them in order; the first failure stops the rest.
 */
import type { XlChangedEvent, XlContext, XlRange, XlRowHiddenEvent, XlWorkbookProtection, XlWorksheetCollection } from "../../../addin/src/excel/surface.ts";
import { FakeExcelError } from "./errors.ts";
import { WEB_PAYLOAD_LIMIT } from "./limits.ts";
import type { FakeSheet, FakeWorkbook } from "./model.ts";
import { member, realCall } from "./real-call.ts";
import { byteLength, camel, type Action, type ActionInfo, type PathInfo, type PathNode, type RealBatch, type RealObject, type RealRequest, type SyncRecord } from "./request.ts";

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
  /** Calls the real office.js objects could not mirror (then the stand-in's own count stands). */
  readonly mirrorProblems: string[];
  /** Requests office.js sent after a batch's body ended: Excel.run's closing sync and clean-up. */
  readonly cleanupRequests: RealRequest[];
}

/** How an action reaches the real office.js objects: by its name and arguments, not at all, or as given. */
export type Mirror = "auto" | "none" | ((shadow: RealObject) => void);


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
  /** Requests the real office.js sent during the current sync. */
  private realRequests: RealRequest[] = [];
  private mirrorFailed = false;
  constructor(readonly host: BatchHost, public delayForCellEdit: boolean, surface: (ctx: FakeContext, workbook: PathNode) => WorkbookSurface,
    readonly real: RealBatch | null = null) {
    // In office.js the workbook is the root object itself; the stand-in's extra "Workbook" path mirrors it too.
    const realWorkbook = real ? () => real.workbook : undefined;
    this.root = { info: { Id: this.id(), ObjectPathType: 1, Name: "" }, parent: null, shadow: realWorkbook };
    const wb: PathNode = { info: { Id: this.id(), ObjectPathType: 4, Name: "Workbook", ParentObjectPathId: this.root.info.Id }, parent: this.root, shadow: realWorkbook };
    this.workbook = surface(this, wb);
  }
  /** Where the real runtime reports a request it sent (set by the host when it opens the real batch). */
  onRealRequest(r: RealRequest): void {
    if (r.cleanup) this.host.cleanupRequests.push(r);
    else this.realRequests.push(r);
  }
  /** The real `load` of a mirrored object, or office.js' generic one for members it lacks. */
  realLoad(o: RealObject, names: unknown[]): void {
    if ("load" in o) realCall(o, "load", names);
    else if (this.real) this.real.generic.load(o, names);
  }
  /** Runs `fn` on the real objects; a failure there only means this sync is counted by the stand-in. */
  mirror<T>(what: string, fn: () => T): T | null {
    try {
      return fn();
    } catch (e) {
      this.mirrorFailed = true;
      this.host.mirrorProblems.push(`${what}: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  }
  /**
   * The real object behind a new path: a property or a method result at once (office.js
   * instantiates those when they are made), a collection's item when first used. Event sources are
   * not mirrored: office.js registers handlers outside the batch's request.
   */
  private shadowOf(parent: PathNode, type: number, name: string, args: unknown[] | undefined): (() => RealObject | null) | undefined {
    const up = parent.shadow;
    if (!up || name.startsWith("On")) return undefined;
    const make = (): RealObject | null => {
      const p = up();
      if (!p) return null;
      return this.mirror(`${name}`, () => {
        const m = camel(name);
        const g = this.real?.generic;
        const missing = type !== 5 && !(m in p) && g;
        const out = missing ? (type === 4 ? g.property(p, name) : g.method(p, name, args ?? []))
          : type === 4 ? member(p, m) : type === 3 ? realCall(p, m, args ?? []) : realCall(p, "getItem", args ?? []);
        if (typeof out !== "object" || out === null) throw new Error(`office.js' ${m} gave no object`);
        return out as RealObject;
      });
    };
    if (type === 5) {
      let made: { o: RealObject | null } | null = null;
      return () => (made ??= { o: make() }).o;
    }
    const now = make();
    return () => now;
  }
  get wb(): FakeWorkbook { return this.host.workbook; }
  id(): number { return this.nextId++; }
  child(parent: PathNode, type: number, name: string, args?: unknown[]): PathNode {
    const info: PathInfo = { Id: this.id(), ObjectPathType: type, Name: name, ParentObjectPathId: parent.info.Id };
    if (args) info.ArgumentInfo = { Arguments: args };
    return { info, parent, shadow: this.shadowOf(parent, type, name, args) };
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
  queue(node: PathNode, type: number, name: string, extra: Pick<ActionInfo, "ArgumentInfo" | "QueryInfo">, run: () => unknown, mirror: Mirror = "auto"): void {
    this.alive(name || "an object");
    const shadow = mirror === "none" ? null : node.shadow?.() ?? null;
    if (shadow) {
      const args = extra.ArgumentInfo?.Arguments ?? [];
      this.mirror(name || "load", () => {
        const g = this.real?.generic;
        if (typeof mirror === "function") mirror(shadow);
        else if (!(camel(name) in shadow) && g && (type === 3 || type === 4)) (type === 4 ? g.set : g.invoke)(shadow, name, type === 4 ? args[0] : args);
        else if (type === 4) shadow[camel(name)] = args[0];
        else if (type === 3) realCall(shadow, camel(name), args);
        else throw new Error(`action type ${type} is mirrored only as given`);
      });
    } else if (this.real && mirror !== "none" && !name.startsWith("On") && !(node.info.Name.startsWith("On"))) {
      this.mirrorFailed = true;
      this.host.mirrorProblems.push(`${name}: no office.js object for ${node.info.Name || "the root"}`);
    }
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
    const standInBytes = byteLength(JSON.stringify(body));
    let real: RealRequest[] = [];
    if (this.real) {
      this.realRequests = [];
      await this.real.sync();
      real = this.realRequests;
    }
    const exact = this.real !== null && !this.mirrorFailed && real.length > 0;
    this.mirrorFailed = false;
    // office.js sends one request per sync; the largest is what a limit meets.
    const requestBytes = exact ? Math.max(...real.map((r) => r.bytes)) : standInBytes;
    const record: SyncRecord = { requestBytes, responseBytes: 0, actions: actions.length, standInBytes, realActions: exact ? real.reduce((n, r) => n + r.actions, 0) : 0, countedBy: exact ? "office.js" : "stand-in" };
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
