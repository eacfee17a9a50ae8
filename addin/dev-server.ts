import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createServer as createHttp, request as httpRequest, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttps } from "node:https";
import { homedir } from "node:os";
import { extname, isAbsolute, join, normalize, relative, resolve } from "node:path";
import { context } from "esbuild";
import { copyStatic, esbuildOptions, OUT } from "./build/build.ts";

/**
 * The task pane's dev server (port 3000): serves dist/addin (rebuilt on change), the seed
 * workbooks for /preview.html, proxies /api to the local functions host (so the pane needs no
 * CORS and no mixed content), and mints dev-issuer tokens at POST /dev/token for the pane's
 * "test account" sign-in (only when AUTH_MODE is explicitly `dev`, as the functions then run; it
 * uses the same key the functions host verifies with).
 *
 * HTTPS as Office requires: office-addin-dev-certs' certificate (~/.office-addin-dev-certs, after
 * `npx office-addin-dev-certs install`) when present, else a self-signed one made with openssl
 * under dist/dev-certs (browsers and Office will not trust it without importing it), or plain
 * HTTP with --http (the preview page and the browser tests use that).
 *   tsx addin/dev-server.ts [--port 3000] [--http] [--functions http://127.0.0.1:7071]
 */
const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => { const i = args.indexOf(name); return i >= 0 && args[i + 1] ? args[i + 1]! : fallback; };
const PORT = Number(opt("--port", process.env.ADDIN_PORT ?? "3000"));
const FUNCTIONS = opt("--functions", process.env.FUNCTIONS_URL ?? `http://127.0.0.1:${process.env.FUNCTIONS_PORT ?? 7071}`);
const PLAIN = args.includes("--http") || process.env.ADDIN_HTTP === "1";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".map": "application/json",
  ".png": "image/png", ".xml": "application/xml; charset=utf-8", ".json": "application/json",
  ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

function certificate(): { key: Buffer; cert: Buffer; source: string } | null {
  const office = join(homedir(), ".office-addin-dev-certs");
  if (existsSync(join(office, "localhost.crt")) && existsSync(join(office, "localhost.key"))) {
    return { key: readFileSync(join(office, "localhost.key")), cert: readFileSync(join(office, "localhost.crt")), source: "office-addin-dev-certs" };
  }
  const dir = join(root, "dist", "dev-certs");
  const key = join(dir, "localhost.key"), cert = join(dir, "localhost.crt");
  if (!existsSync(cert)) {
    try {
      mkdirSync(dir, { recursive: true });
      execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "30", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", cert], { stdio: "ignore" });
    } catch {
      return null;
    }
  }
  return { key: readFileSync(key), cert: readFileSync(cert), source: "self-signed (dist/dev-certs, untrusted)" };
}

function send(res: ServerResponse, status: number, body: string | Buffer, type = "text/plain; charset=utf-8"): void {
  res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" });
  res.end(body);
}

/** Inside `base` itself, not a sibling that merely starts with its name (dist/addin-x). */
function within(base: string, path: string): boolean {
  const r = relative(base, path);
  return r !== "" && !r.startsWith("..") && !isAbsolute(r);
}

function serveFile(res: ServerResponse, base: string, rel: string): void {
  const path = normalize(join(base, rel));
  if (!within(base, path) || !existsSync(path) || !statSync(path).isFile()) return send(res, 404, "not found");
  send(res, 200, readFileSync(path), TYPES[extname(path)] ?? "application/octet-stream");
}

function proxy(req: IncomingMessage, res: ServerResponse, url: URL): void {
  // Path and query only: a request target like "//elsewhere/api/x" must not choose the upstream.
  const target = new URL(url.pathname + url.search, FUNCTIONS);
  const headers = { ...req.headers, host: target.host };
  delete headers.origin; // same-origin for the functions host: the pane reaches it through us
  const up = httpRequest(target, { method: req.method, headers }, (r) => { res.writeHead(r.statusCode ?? 502, r.headers); r.pipe(res); });
  up.on("error", () => send(res, 502, JSON.stringify({ error: "storage_unavailable", message: { vi: "Không kết nối được máy chủ chức năng.", en: "The functions host is not reachable." } }), "application/json"));
  req.pipe(up);
}

async function devToken(req: IncomingMessage, res: ServerResponse): Promise<void> {
  // Only an explicit AUTH_MODE=dev: unset must not mean "anyone may mint any user's token".
  if (process.env.AUTH_MODE !== "dev") return send(res, 404, "not found");
  let body = "";
  for await (const chunk of req) { body += String(chunk); if (body.length > 2000) return send(res, 413, "too large"); }
  let user = "";
  try { user = String((JSON.parse(body) as { user?: unknown }).user ?? ""); } catch { /* handled below */ }
  if (!/^[A-Za-z0-9._-]{1,80}$/.test(user)) return send(res, 400, JSON.stringify({ error: "bad_request" }), "application/json");
  const { signDevToken } = await import("../functions/lib/token.ts");
  const token = await signDevToken({ user, keyDir: resolve(root, process.env.AUTH_DEV_KEY_DIR ?? ".dev-keys") });
  send(res, 200, JSON.stringify({ token }), "application/json");
}

async function main(): Promise<void> {
  copyStatic();
  const ctx = await context(esbuildOptions(true));
  await ctx.rebuild();
  if (args.includes("--watch")) await ctx.watch();
  else await ctx.dispose();

  const route = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    let path: string;
    try { path = decodeURIComponent(url.pathname); } catch { return send(res, 400, "malformed percent-encoding in the path"); }
    if (path.startsWith("/api/")) return proxy(req, res, url);
    if (path === "/dev/token" && req.method === "POST") return void devToken(req, res).catch(() => send(res, 500, "token signing failed"));
    if (path === "/") { res.writeHead(302, { Location: "/preview.html" }); return res.end(); }
    if (path.startsWith("/seeds/workbooks/")) return serveFile(res, join(root, "seeds", "workbooks"), path.slice("/seeds/workbooks/".length));
    return serveFile(res, OUT, path.slice(1));
  };
  // One bad request must never take the server (and the /api proxy with it) down.
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    try { route(req, res); } catch (e) {
      console.error(`dev server: ${req.method} ${String(req.url).slice(0, 200)}: ${e instanceof Error ? e.message : String(e)}`);
      if (!res.headersSent) send(res, 500, "dev server error"); else res.destroy();
    }
  };
  const cert = PLAIN ? null : certificate();
  const server = cert ? createHttps({ key: cert.key, cert: cert.cert }, handler) : createHttp(handler);
  server.listen(PORT, "127.0.0.1", () => {
    const scheme = cert ? "https" : "http";
    console.log(`task pane: ${scheme}://localhost:${PORT}/taskpane.html  preview: ${scheme}://localhost:${PORT}/preview.html  (${cert ? cert.source : "plain HTTP"}; /api → ${FUNCTIONS})`);
  });
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

void main();
