import Module from "node:module";

/**
 * The part of the Azure Functions Node.js worker that @azure/functions talks to, as the module
 * `@azure/functions-core`. The library calls `setProgrammingModel` once and `registerFunction`
 * for every app.http/app.timer; the host keeps those registrations and invokes them the way the
 * worker does (programming model → invocation model → handler → response).
 */
export interface RpcTypedData {
  string?: string | null;
  json?: string | null;
  bytes?: Uint8Array | null;
  http?: RpcHttpData | null;
  [k: string]: unknown;
}
export interface RpcHttpData {
  method?: string | null;
  url?: string | null;
  headers?: Record<string, string> | null;
  body?: RpcTypedData | null;
  params?: Record<string, string> | null;
  statusCode?: string | null;
  [k: string]: unknown;
}
export interface RpcBindingInfo {
  type?: string | null;
  direction?: "in" | "out" | "inout" | null;
  route?: string;
  methods?: string[];
  authLevel?: string;
  schedule?: string;
  runOnStartup?: boolean;
  [k: string]: unknown;
}
export interface FunctionMetadata {
  name: string;
  bindings: Record<string, RpcBindingInfo>;
  [k: string]: unknown;
}
export type FunctionCallback = (...args: unknown[]) => unknown;
export interface CoreInvocationContext {
  invocationId: string;
  request: { inputData?: { name: string; data: RpcTypedData }[]; triggerMetadata?: Record<string, RpcTypedData> };
  metadata: FunctionMetadata;
  state?: string;
  log(level: string, category: string, message: string): void;
}
export interface InvocationModel {
  getArguments(): Promise<{ context: unknown; inputs: unknown[] }>;
  invokeFunction(context: unknown, inputs: unknown[], handler: FunctionCallback): Promise<unknown>;
  getResponse(context: unknown, result: unknown): Promise<{ returnValue?: RpcTypedData | null }>;
}
export interface ProgrammingModel {
  name: string;
  version: string;
  getInvocationModel(ctx: CoreInvocationContext): InvocationModel;
}
export type HookCallback = (ctx: Record<string, unknown>) => unknown;

class Disposable {
  constructor(private readonly fn: () => void) {}
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  dispose(): void {
    this.fn();
  }
}

export interface CoreState {
  functions: Map<string, { metadata: FunctionMetadata; callback: FunctionCallback }>;
  hooks: Map<string, HookCallback[]>;
  model: ProgrammingModel | null;
  logSink: (level: string, category: string, message: string) => void;
}

/** One per process, like the worker: modules register once however many hosts start. */
export const core: CoreState = { functions: new Map(), hooks: new Map(), model: null, logSink: () => undefined };

export const coreApi = {
  Disposable,
  setProgrammingModel(model: ProgrammingModel): void {
    core.model = model;
  },
  getProgrammingModel(): ProgrammingModel {
    if (!core.model) throw new Error("no programming model has been set");
    return core.model;
  },
  registerFunction(metadata: FunctionMetadata, callback: FunctionCallback): Disposable {
    if (core.functions.has(metadata.name)) throw new Error(`A function named "${metadata.name}" is already registered`);
    core.functions.set(metadata.name, { metadata, callback });
    return new Disposable(() => core.functions.delete(metadata.name));
  },
  registerHook(name: string, callback: HookCallback): Disposable {
    const list = core.hooks.get(name) ?? [];
    list.push(callback);
    core.hooks.set(name, list);
    return new Disposable(() => list.splice(list.indexOf(callback), 1));
  },
  log(level: string, category: string, message: string): void {
    core.logSink(level, category, message);
  },
};

const MODULE_ID = "@azure/functions-core";
const VIRTUAL_FILE = "/__azure_functions_host__/functions-core.js";
let installed = false;

/**
 * Makes `require("@azure/functions-core")` return `coreApi` without a node_modules entry: the
 * resolver maps the id to a virtual file whose module is already in the require cache.
 */
export function installCore(): void {
  if (installed) return;
  installed = true;
  const M = Module as unknown as {
    _resolveFilename: (request: string, ...rest: unknown[]) => string;
    _cache: Record<string, unknown>;
  };
  const original = M._resolveFilename;
  M._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === MODULE_ID ? VIRTUAL_FILE : original.call(this, request, ...rest);
  };
  const m = new Module(VIRTUAL_FILE);
  m.filename = VIRTUAL_FILE;
  m.loaded = true;
  m.exports = coreApi;
  M._cache[VIRTUAL_FILE] = m;
}
