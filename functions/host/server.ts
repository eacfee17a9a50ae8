import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { loadConfig, type AppConfig } from "./config.ts";
import { core, installCore, type FunctionMetadata, type RpcHttpData, type RpcTypedData } from "./core.ts";
import { nextOccurrence, parseNcrontab } from "./ncrontab.ts";
import { compileRoute, type CompiledRoute } from "./routes.ts";
import { adminAccess } from "./admin-access.ts";
import { admission, limitsFromEnv, type Admission, type AdmissionLimits } from "./admission.ts";

export interface Registration {
  name: string;
  trigger: string;
  methods: string[];
  /** Full path template including the route prefix, e.g. "api/submissions". */
  route: string | null;
  authLevel: string | null;
  schedule: string | null;
  runOnStartup: boolean;
}

export interface HostOptions {
  root?: string;
  port?: number;
  hostname?: string;
  /** local.settings.json path; default: root's local.settings.json, else local.settings.example.json. */
  settingsFile?: string;
  /** Applied over local settings and the environment. */
  env?: Record<string, string>;
  /** Run timers on their schedule (default true). */
  timers?: boolean;
  log?: (line: string) => void;
  /** Back-pressure limits; default from HTCT_HOST_MAX_ACTIVE / _QUEUED / _WAIT_MS, else 4 / 32 / 2500 ms. */
  admission?: Partial<AdmissionLimits>;
}

export interface RunningHost {
  url: string;
  port: number;
  registrations: Registration[];
  config: AppConfig;
  /** Runs a timer function now, as `POST /admin/functions/<name>` does. */
  trigger(name: string): Promise<void>;
  /** Requests at work, waiting and refused so far (back-pressure). */
  load(): ReturnType<Admission["stats"]>;
  close(): Promise<void>;
}

const MAX_REQUEST_BYTES = 100 * 1024 * 1024; // the Functions front end's limit

function triggerOf(m: FunctionMetadata): [string, NonNullable<FunctionMetadata["bindings"][string]>] {
  const e = Object.entries(m.bindings).find(([, b]) => b.direction === "in" && /trigger$/i.test(b.type ?? ""));
  if (!e) throw new Error(`function ${m.name} has no trigger binding`);
  return e;
}

function envelope(status: number, error: string, en: string, vi: string): { status: number; body: string } {
  return { status, body: JSON.stringify({ error, message: { vi, en } }) };
}

function resolveSetting(value: string): string {
  return value.replace(/%([^%]+)%/g, (_, name: string) => {
    const v = process.env[name];
    if (v === undefined) throw new Error(`app setting ${name} (referenced as %${name}%) is not set`);
    return v;
  });
}

/**
 * A small stand-in for the Functions host: it loads the app named by package.json `main` with
 * the worker's core module provided, then serves exactly the routes the app registered.
 */
export async function startHost(opts: HostOptions = {}): Promise<RunningHost> {
  const root = resolve(opts.root ?? process.cwd());
  const config = loadConfig(root, opts.settingsFile);
  for (const [k, v] of Object.entries(config.settings.Values)) if (process.env[k] === undefined) process.env[k] = v;
  for (const [k, v] of Object.entries(opts.env ?? {})) process.env[k] = v;
  const log = opts.log ?? ((line: string) => console.log(line));
  core.logSink = (level, category, message) => { if (category === "user" || level === "error" || level === "warning") log(`[${level}] ${message}`); };

  installCore();
  for (const file of config.mainFiles) await import(pathToFileURL(file).href);
  const model = core.model;
  if (!model) throw new Error("the app did not register a programming model (is @azure/functions imported?)");

  const prefix = config.routePrefix.replace(/^\/|\/$/g, "");
  const registrations: Registration[] = [];
  const http: { reg: Registration; route: CompiledRoute }[] = [];
  for (const { metadata } of core.functions.values()) {
    const [, t] = triggerOf(metadata);
    const type = (t.type ?? "").toLowerCase();
    const route = type === "httptrigger" ? [prefix, t.route ?? metadata.name].filter(Boolean).join("/") : null;
    const reg: Registration = {
      name: metadata.name, trigger: t.type ?? "", methods: (t.methods ?? []).map((m) => m.toUpperCase()), route,
      authLevel: type === "httptrigger" ? (t.authLevel ?? "function") : null, schedule: t.schedule ?? null, runOnStartup: t.runOnStartup === true,
    };
    registrations.push(reg);
    if (route !== null) http.push({ reg, route: compileRoute(route) });
  }
  http.sort((a, b) => b.route.rank - a.route.rank);

  async function invoke(name: string, data: RpcTypedData): Promise<RpcTypedData | null | undefined> {
    const fn = core.functions.get(name)!;
    const [bindingName] = triggerOf(fn.metadata);
    const invocationId = randomUUID();
    const ctx = {
      invocationId, metadata: fn.metadata, state: undefined as string | undefined,
      request: { inputData: [{ name: bindingName, data }], triggerMetadata: {} },
      log: (level: string, category: string, message: string) => core.logSink(level, category, `${name}: ${message}`),
    };
    const im = model!.getInvocationModel(ctx);
    const { context, inputs } = await im.getArguments();
    const hookCtx: Record<string, unknown> = { invocationContext: context, inputs, functionCallback: fn.callback, hookData: {}, appHookData: {} };
    ctx.state = "preInvocationHooks";
    for (const h of core.hooks.get("preInvocation") ?? []) await h(hookCtx);
    ctx.state = "invocation";
    let result: unknown;
    let error: unknown;
    try {
      result = await im.invokeFunction(context, hookCtx.inputs as unknown[], hookCtx.functionCallback as typeof fn.callback);
    } catch (e) {
      error = e;
    }
    ctx.state = "postInvocationHooks";
    Object.assign(hookCtx, { result, error });
    for (const h of core.hooks.get("postInvocation") ?? []) await h(hookCtx);
    ctx.state = undefined;
    if (hookCtx.error) throw hookCtx.error;
    return (await im.getResponse(context, hookCtx.result)).returnValue;
  }

  async function trigger(name: string): Promise<void> {
    const fn = core.functions.get(name);
    if (!fn) throw new Error(`no function named ${name}`);
    await invoke(name, { json: JSON.stringify({ Schedule: { AdjustForDST: true }, ScheduleStatus: null, IsPastDue: false }) });
  }

  const gate = admission(limitsFromEnv(process.env, opts.admission));
  const masterKey = process.env.HTCT_HOST_MASTER_KEY || null;
  const corsOrigins = new Set((config.settings.Host.CORS ?? "").split(",").map((s) => s.trim()).filter(Boolean));
  const corsHeaders = (origin: string | undefined): Record<string, string> => {
    if (!origin || !(corsOrigins.has(origin) || corsOrigins.has("*"))) return {};
    return {
      "Access-Control-Allow-Origin": origin, Vary: "Origin",
      "Access-Control-Expose-Headers": "Retry-After, Idempotent-Replayed, ETag, WWW-Authenticate",
      ...(config.settings.Host.CORSCredentials ? { "Access-Control-Allow-Credentials": "true" } : {}),
    };
  };

  async function readAll(req: IncomingMessage): Promise<Buffer | null> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > MAX_REQUEST_BYTES) return null;
      chunks.push(c as Buffer);
    }
    return Buffer.concat(chunks);
  }

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: string | Uint8Array, headers: Record<string, string> = {}) => {
      res.writeHead(status, { ...(typeof body === "string" && body ? { "Content-Type": "application/json; charset=utf-8" } : {}), ...corsHeaders(req.headers.origin), ...headers });
      res.end(body);
    };
    // The path is resolved once, here, before any routing: dot segments, also percent-encoded
    // ("/api/%2e%2e/admin"), are removed by URL parsing, so "/api/../admin" is the admin route and
    // gets the admin route's checks. The base is fixed: the Host header chooses nothing.
    const url = new URL(req.url ?? "/", "http://localhost");
    const method = (req.method ?? "GET").toUpperCase();
    const segments = url.pathname.split("/").filter(Boolean);

    if (method === "OPTIONS" && req.headers.origin && req.headers["access-control-request-method"]) {
      const allowed = corsHeaders(req.headers.origin);
      if (!allowed["Access-Control-Allow-Origin"]) { const e = envelope(403, "forbidden", "Origin not allowed.", "Nguồn gọi không được phép."); return send(e.status, e.body); }
      return send(204, "", {
        "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE, OPTIONS",
        "Access-Control-Allow-Headers": String(req.headers["access-control-request-headers"] ?? "authorization, content-type, idempotency-key"),
        "Access-Control-Max-Age": "600",
      });
    }

    if (segments[0]?.toLowerCase() === "admin") {
      const one = (h: string | string[] | undefined) => (Array.isArray(h) ? h.join(",") : h);
      const access = adminAccess({
        remoteAddress: req.socket.remoteAddress, host: req.headers.host, origin: one(req.headers.origin),
        secFetchSite: one(req.headers["sec-fetch-site"]), key: one(req.headers["x-functions-key"]),
      }, masterKey);
      if (!access.allowed) {
        log(`[warning] admin route refused: ${access.reason}`);
        const e = access.status === 401
          ? envelope(401, "unauthorized", "The admin routes need the host's master key (x-functions-key).", "Cần khóa chính của máy chủ (x-functions-key) để dùng các đường dẫn quản trị.")
          : envelope(403, "forbidden", "Admin routes answer the host's master key or a program on this machine only.", "Các đường dẫn quản trị chỉ dành cho khóa chính của máy chủ hoặc chương trình chạy trên chính máy này.");
        return send(e.status, e.body);
      }
      if (method === "GET" && segments[1] === "functions" && segments.length === 2) return send(200, JSON.stringify(registrations));
      if (method === "POST" && segments[1] === "functions" && segments.length === 3) {
        const reg = registrations.find((r) => r.name === decodeURIComponent(segments[2]!));
        if (!reg || reg.route !== null) { const e = envelope(404, "not_found", "No such non-HTTP function.", "Không có hàm này."); return send(e.status, e.body); }
        await readAll(req);
        res.writeHead(202).end();
        trigger(reg.name).catch((e: unknown) => log(`[error] ${reg.name}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
        return;
      }
    }

    let decoded: string[];
    try {
      decoded = segments.map((s) => decodeURIComponent(s));
    } catch {
      const e = envelope(400, "bad_request", "Malformed URL encoding.", "Đường dẫn mã hóa sai.");
      return send(e.status, e.body);
    }
    let pathMatched = false;
    for (const { reg, route } of http) {
      const params = route.match(decoded);
      if (!params) continue;
      pathMatched = true;
      if (reg.methods.length && !reg.methods.includes(method)) continue;
      // Admitted before the body is read, so a refused request costs neither its upload nor
      // its parsing; nothing of it has been handed to a function, so nothing is half-done.
      const release = await gate.enter();
      if (!release) {
        const seconds = gate.retryAfterSeconds();
        const e = envelope(503, "busy",
          `The server is busy. Nothing was received or saved; retry in ${seconds} s.`,
          `Máy chủ đang bận. Yêu cầu chưa được tiếp nhận, chưa lưu gì; vui lòng gửi lại sau ${seconds} giây.`);
        return send(e.status, e.body, { "Retry-After": String(seconds) });
      }
      try {
        const body = await readAll(req);
        if (body === null) { const e = envelope(413, "payload_too_large", "Request body too large.", "Dữ liệu gửi lên quá lớn."); return send(e.status, e.body, { Connection: "close" }); }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
        const http: RpcHttpData = { method, url: url.href, headers, params, body: body.length ? { bytes: body } : null };
        const out = (await invoke(reg.name, { http }))?.http;
        const status = Number(out?.statusCode ?? 200);
        const outBody = out?.body?.bytes ?? (out?.body?.string ? Buffer.from(out.body.string) : new Uint8Array());
        res.writeHead(status, { ...(out?.headers ?? {}), ...corsHeaders(req.headers.origin) });
        res.end(outBody);
      } finally {
        release();
      }
      return;
    }
    const e = pathMatched
      ? envelope(405, "method_not_allowed", `Method ${method} is not allowed here.`, `Không hỗ trợ phương thức ${method} ở đây.`)
      : envelope(404, "not_found", "No function serves this path.", "Không có chức năng nào ở đường dẫn này.");
    send(e.status, e.body);
  }

  const server: Server = createServer((req, res) => {
    serve(req, res).catch((e: unknown) => {
      log(`[error] host: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      if (!res.headersSent) { const x = envelope(500, "internal", "Host error.", "Lỗi máy chủ."); res.writeHead(x.status, { "Content-Type": "application/json" }).end(x.body); }
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((ok, fail) => { server.once("error", fail); server.listen(opts.port ?? config.settings.Host.LocalHttpPort ?? 7071, opts.hostname ?? "127.0.0.1", () => ok()); });
  const port = (server.address() as AddressInfo).port;

  const timers: NodeJS.Timeout[] = [];
  let closing = false;
  if (opts.timers !== false) {
    for (const reg of registrations.filter((r) => r.schedule)) {
      const schedule = parseNcrontab(resolveSetting(reg.schedule!));
      const arm = () => {
        if (closing) return;
        const delay = Math.min(nextOccurrence(schedule, new Date()).getTime() - Date.now(), 2 ** 31 - 1);
        timers.push(setTimeout(() => { trigger(reg.name).catch((e: unknown) => log(`[error] ${reg.name}: ${String(e)}`)).finally(arm); }, delay));
      };
      if (reg.runOnStartup) trigger(reg.name).catch((e: unknown) => log(`[error] ${reg.name}: ${String(e)}`));
      arm();
    }
  }
  for (const h of core.hooks.get("appStart") ?? []) await h({ hookData: {}, appHookData: {}, functionAppDirectory: root });

  return {
    url: `http://127.0.0.1:${port}`, port, registrations, config, trigger, load: () => gate.stats(),
    async close() {
      closing = true;
      timers.forEach(clearTimeout);
      for (const h of core.hooks.get("appTerminate") ?? []) await h({ hookData: {}, appHookData: {} });
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
