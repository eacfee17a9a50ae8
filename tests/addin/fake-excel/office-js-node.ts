/**
 * The real office.js request builder under Node: @microsoft/office-js' Excel runtime
 * (excel-web-16.00.debug.js) run in a vm sandbox, with a request executor that records each
 * request body instead of sending it. The stand-in mirrors the add-in's calls onto these real
 * objects, so request sizes are office.js' own: its 1,500-cell split of large writes, the
 * `_KeepReference` action per range in Excel.run, the "L" last-use lists, and the clean-up request
 * Excel.run sends at the end.
 *
 * Answers to the real runtime carry no data (the stand-in answers the add-in); they do carry a
 * reference id for each kept range, as Excel does, so later requests and the clean-up name ranges
 * by reference exactly as they would against Excel.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import vm from "node:vm";
import { realCall } from "./real-call.ts";
import { byteLength, type RealBatch, type RealObject, type RealRequest, type RequestBuilder } from "./request.ts";

const RUNTIME = "@microsoft/office-js/dist/excel-web-16.00.debug.js";

interface Body { Actions?: { Id: number; ActionType: number; Name: string; ObjectPathId: number }[]; ObjectPaths?: Record<string, { ObjectPathType: number }> }
interface RealContext extends RealObject { workbook: RealObject; sync(): Promise<unknown>; _requestExecutor: unknown }
interface RealExcel { RequestContext: new () => RealContext; run(ctx: RealContext, batch: () => Promise<unknown>): Promise<unknown> }
interface BatchApiHelper {
  createPropertyObject(type: unknown, parent: RealObject, name: string, isCollection: boolean, flags: number): RealObject;
  createMethodObject(type: unknown, parent: RealObject, name: string, operationType: number, args: unknown[], isCollection: boolean, isInvalidAfterRequest: boolean, getById: string | null, flags: number): RealObject;
  invokeSetProperty(o: RealObject, name: string, value: unknown, flags: number): void;
  invokeMethod(o: RealObject, name: string, operationType: number, args: unknown[], flags: number, resultProcessType: number): unknown;
}
interface Sandbox { Excel: RealExcel; OfficeExtension: { CommonUtility: RealObject; Utility: RealObject; BatchApiHelper: BatchApiHelper; ClientObject: unknown } }

let script: vm.Script | null = null;
const sandboxes = new Map<string, Sandbox>();

function versionAtLeast(have: string, want: string): boolean {
  const [ha = 0, hb = 0] = have.split(".").map(Number);
  const [wa = 0, wb = 0] = String(want).split(".").map(Number);
  return ha > wa || (ha === wa && hb >= wb);
}

/** One runtime per ExcelApi version: the runtime asks the host's sets (ExcelApi 1.3 decides the 1,500-cell split). */
function sandbox(excelApi: string): Sandbox {
  const have = sandboxes.get(excelApi);
  if (have) return have;
  script ??= new vm.Script(readFileSync(createRequire(import.meta.url).resolve(RUNTIME), "utf8"), { filename: RUNTIME });
  const g: Record<string, unknown> = { console, setTimeout, clearTimeout, setInterval, clearInterval, navigator: { userAgent: "node" } };
  g["window"] = g;
  g["self"] = g;
  g["location"] = { href: "https://localhost/", search: "", hash: "" };
  g["document"] = { readyState: "complete", cookie: "", location: g["location"], addEventListener() {}, getElementsByTagName: () => [], createElement: () => ({ style: {}, setAttribute() {}, appendChild() {} }) };
  vm.createContext(g);
  script.runInContext(g);
  const sb = g as unknown as Sandbox;
  // Only ExcelApi is claimed: other sets (ExcelApiUndo, RichApiRuntimeFlag) would add flags, not actions.
  const isSetSupported = (name: string, version: string) => name === "ExcelApi" && versionAtLeast(excelApi, version);
  sb.OfficeExtension.CommonUtility["isSetSupported"] = isSetSupported;
  sb.OfficeExtension.Utility["isSetSupported"] = isSetSupported;
  sandboxes.set(excelApi, sb);
  return sb;
}

let referenceIds = 0;

export const officeJsRequestBuilder: RequestBuilder = {
  open(excelApi: string, onRequest: (r: RealRequest) => void): RealBatch {
    const sb = sandbox(excelApi);
    const ctx = new sb.Excel.RequestContext();
    let bodyDone = false;
    ctx._requestExecutor = {
      executeAsync(_custom: unknown, _flags: number, message: { Body: Body }) {
        const text = JSON.stringify(message.Body);
        const actions = message.Body.Actions ?? [];
        onRequest({ bytes: byteLength(text), actions: actions.length, cleanup: bodyDone });
        // Excel answers the instantiation of a kept object with its reference id, and of an object a
        // method made with its id (office.js then names it by id in later requests). Ids here have
        // the length of a worksheet's, the longest kind.
        const kept = new Set(actions.filter((a) => a.ActionType === 3 && a.Name === "_KeepReference").map((a) => a.ObjectPathId));
        const paths = message.Body.ObjectPaths ?? {};
        const id = () => `{${String(++referenceIds).padStart(8, "0")}-0000-4000-8000-000000000000}`;
        const results = actions.filter((a) => a.ActionType === 1 && (kept.has(a.ObjectPathId) || paths[a.ObjectPathId]?.ObjectPathType === 3))
          .map((a) => ({ ActionId: a.Id, Value: kept.has(a.ObjectPathId) ? { _ReferenceId: id() } : { Id: id() } }));
        return Promise.resolve({ ErrorCode: null, ErrorMessage: null, Headers: {}, Body: { Results: results } });
      },
    };
    return {
      workbook: ctx.workbook,
      generic: {
        property: (parent, name) => sb.OfficeExtension.BatchApiHelper.createPropertyObject(sb.OfficeExtension.ClientObject, parent, name, false, 0),
        method: (parent, name, args) => sb.OfficeExtension.BatchApiHelper.createMethodObject(sb.OfficeExtension.ClientObject, parent, name, 1, args, false, false, null, 0),
        set: (o, name, value) => { sb.OfficeExtension.BatchApiHelper.invokeSetProperty(o, name, value, 0); },
        invoke: (o, name, args) => { sb.OfficeExtension.BatchApiHelper.invokeMethod(o, name, 0, args, 0, 0); },
        load: (o, names) => { realCall(ctx, "load", [o, ...names]); },
      },
      sync: async () => { await ctx.sync(); },
      run: async <T>(body: () => Promise<T>): Promise<T> => {
        const outcome: { value?: { ok: true; value: T } | { ok: false; error: unknown } } = {};
        // The real Excel.run ends with its own sync and the clean-up; the body's outcome is the stand-in's.
        await sb.Excel.run(ctx, async () => {
          try { outcome.value = { ok: true, value: await body() }; } catch (error) { outcome.value = { ok: false, error }; }
          bodyDone = true;
        }).catch(() => undefined);
        const out = outcome.value;
        if (!out) throw new Error("office.js' Excel.run did not run the batch");
        if (!out.ok) throw out.error;
        return out.value;
      },
    };
  },
};
