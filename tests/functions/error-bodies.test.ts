import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type Stack } from "./stack.ts";

/**
 * Issue 17: error bodies say what a caller can act on, in Vietnamese and English, with a
 * correlation id; the libraries' codes and messages (the JWT library's, the JSON parser's, a stack
 * overflow's) stay in the log.
 */
let s: Stack;
beforeAll(async () => { s = await startStack(); }, 60_000);
afterAll(async () => { await s?.close(); });

const LIBRARY = /ERR_J|JOSE|JWS|JWT|jose|Maximum call stack|Unexpected token|in JSON at position|SyntaxError|RangeError|at \S+ \(/;

function plain(r: { status: number; headers: Headers; json: { error: string; message: { vi: string; en: string }; correlationId: string } }, status: number): void {
  expect(r.status).toBe(status);
  expect(r.json.message.vi.length).toBeGreaterThan(10);
  expect(r.json.message.en.length).toBeGreaterThan(10);
  expect(r.json.correlationId).toMatch(/^[A-Za-z0-9-]{8,64}$/);
  expect(r.headers.get("x-correlation-id")).toBe(r.json.correlationId);
  expect(JSON.stringify(r.json)).not.toMatch(LIBRARY);
}

describe("error bodies", () => {
  it("deep nesting, in any shape, is a plain 400", async () => {
    for (const raw of ["[".repeat(100_000) + "]".repeat(100_000), '{"a":'.repeat(20_000) + "1" + "}".repeat(20_000), JSON.stringify({ units: [JSON.parse("[".repeat(70) + "]".repeat(70))] })]) {
      const r = await s.call("POST", "/api/orgunits/TST/import", { user: "province-TST", raw, headers: { "content-type": "application/json" } });
      plain(r, 400);
    }
    const r = await s.call("POST", "/api/submissions", { user: "clerk-TST-D01", raw: '{"a":'.repeat(5000) + "1" + "}".repeat(5000), headers: { "content-type": "application/json", "idempotency-key": "deep-1" } });
    plain(r, 400);
  });

  it("broken JSON is a plain 400 without the parser's words", async () => {
    const r = await s.call("POST", "/api/orgunits/TST/import", { user: "province-TST", raw: '{"units": [1, 2', headers: { "content-type": "application/json" } });
    plain(r, 400);
  });

  it("bad tokens get 401s that say to sign in again, never the JWT library's codes", async () => {
    const good = await s.token("province-TST");
    const [h, p] = good.split(".");
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${p}.`;
    const hs = await new SignJWT({ sub: "province-TST" }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("1h").sign(new TextEncoder().encode("x".repeat(32)));
    const tokens = [
      `${h}.${p}.${"A".repeat(86)}`, // a forged signature
      hs, // an algorithm the API does not allow
      `${h}.${Buffer.from("{not json").toString("base64url")}.${good.split(".")[2]}`,
      await s.token("province-TST", { expiresIn: "-1h" }),
      await s.token("province-TST", { issuer: "https://elsewhere.example" }),
      await s.token("province-TST", { audience: "api://other" }),
      "abc.def.ghi",
    ];
    for (const token of tokens) plain(await s.call("GET", "/api/rollups/TST/2015", { token }) as never, 401);
    plain(await s.call("GET", "/api/rollups/TST/2015", { headers: { authorization: `Bearer ${none}` } }) as never, 401);
    plain(await s.call("GET", "/api/rollups/TST/2015") as never, 401);
    const expired = await s.call("GET", "/api/rollups/TST/2015", { token: await s.token("province-TST", { expiresIn: "-1h" }) });
    expect(expired.json.message.en).toMatch(/expired/);
  });

  it("every other refusal carries a correlation id too", async () => {
    plain(await s.call("GET", "/api/rollups/BTH/2015", { user: "province-TST" }) as never, 403);
    plain(await s.call("GET", "/api/rollups/TST/2015-13", { user: "province-TST" }) as never, 400);
  });
});
