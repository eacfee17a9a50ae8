import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContractClient, ROUTES, TransportError, judge, routePath } from "../../shared/contract/index.ts";

/** A real HTTP server whose next answers are queued by each test; it records what it received. */
let server: Server;
let base = "";
const queue: { status: number; body: string; headers?: Record<string, string> }[] = [];
const seen: { method: string; url: string; headers: IncomingMessage["headers"]; body: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => { body += c.toString(); });
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const next = queue.shift() ?? { status: 500, body: "" };
      res.writeHead(next.status, { "content-type": "application/json", ...next.headers });
      res.end(next.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const error = (code: string) => JSON.stringify({ error: code, message: { vi: "Bị từ chối.", en: "Refused." } });
const client = (o: Partial<ConstructorParameters<typeof ContractClient>[0]> = {}) =>
  new ContractClient({ base, fetch: (...a) => fetch(...a), token: () => "tok-0123456789", ...o });

describe("routePath", () => {
  it("fills every parameter of the route's template, each encoded", () => {
    expect(routePath("rollupInUnits", { province: "T/01", period: "2025-Q3", units: "a b" })).toBe("rollups/T%2F01/2025-Q3/in/a%20b");
    expect(routePath("history", { province: "P", period: "2025", unit: "U" }, { limit: 200 })).toBe("submissions/P/2025/U?limit=200");
  });
  it("refuses a missing parameter rather than sending a path with a hole", () => {
    expect(() => routePath("rollup", { province: "P" } as never)).toThrow(/period/);
  });
  it("every route's template parameters are the ones its params schema names", () => {
    for (const [name, spec] of Object.entries(ROUTES)) {
      const inPath = [...spec.route.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      const shape = "params" in spec && spec.params && "shape" in spec.params ? Object.keys(spec.params.shape as object).sort() : [];
      expect(inPath, name).toEqual(shape);
    }
  });
});

describe("judge", () => {
  it("checks a listed status against its own schema, and calls a bad body malformed", () => {
    const locked = judge("submit", 423, JSON.parse(error("locked")));
    expect(locked).toMatchObject({ ok: true, status: 423 });
    const bad = judge("submit", 409, { nope: 1 });
    expect(bad).toMatchObject({ ok: false, status: 409, malformed: true });
  });
  it("a status the route does not list is a refusal carrying the error envelope", () => {
    expect(judge("rollup", 404, JSON.parse(error("not_found")))).toMatchObject({ ok: false, status: 404, malformed: false, error: { error: "not_found" } });
    expect(judge("rollup", 502, "<html>")).toMatchObject({ ok: false, status: 502, error: null });
  });
  it("with `only`, a listed status other than that one is a refusal too", () => {
    expect(judge("complete", 422, { error: "invalid", message: { vi: "x", en: "x" }, missingComments: [] }, 200)).toMatchObject({ ok: false, status: 422, malformed: false });
  });
});

describe("ContractClient over HTTP", () => {
  it("sends the route's method, path, token and body", async () => {
    queue.push({ status: 200, body: JSON.stringify({ ok: true }) });
    seen.length = 0;
    await client().call("saveMapping", { params: { province: "P", fingerprint: "f" }, body: { a: 1 }, headers: { "Idempotency-Key": "k" } });
    expect(seen[0]).toMatchObject({ method: "POST", url: "/api/mappings/P/f", body: '{"a":1}' });
    expect(seen[0]!.headers.authorization).toBe("Bearer tok-0123456789");
    expect(seen[0]!.headers["idempotency-key"]).toBe("k");
  });
  it("sends no Authorization header when the token source has none", async () => {
    queue.push({ status: 200, body: "{}" });
    seen.length = 0;
    await client({ token: async () => null }).call("catalog");
    expect(seen[0]!.headers.authorization).toBeUndefined();
  });
  it("a body that is not JSON is judged by its status alone", async () => {
    queue.push({ status: 503, body: "busy" });
    expect(await client().call("health")).toMatchObject({ ok: false, status: 503, malformed: true, json: null });
  });
  it("retries as long as the policy says, then returns the last answer", async () => {
    queue.push({ status: 503, body: error("unavailable") }, { status: 503, body: error("unavailable") }, { status: 423, body: error("locked") });
    seen.length = 0;
    const statuses: number[] = [];
    const r = await client().call("submit", { body: {}, retry: (s, attempt) => { statuses.push(s); return s === 503 && attempt < 5 ? 1 : null; } });
    expect(statuses).toEqual([503, 503, 423]);
    expect(seen).toHaveLength(3);
    expect(r).toMatchObject({ ok: true, status: 423 });
  });
  it("an answer over the size limit is a TransportError, not a parse", async () => {
    queue.push({ status: 200, body: JSON.stringify({ pad: "x".repeat(5000) }) });
    await expect(client({ maxChars: 1000 }).call("catalog")).rejects.toMatchObject({ reason: "too_large" });
  });
  it("no server at the address is a TransportError", async () => {
    const r = client({ base: "http://127.0.0.1:1/api/" }).call("health");
    await expect(r).rejects.toBeInstanceOf(TransportError);
    await expect(r).rejects.toMatchObject({ reason: "network" });
  });
});
