import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startStack, type Stack } from "./stack.ts";

// A verified token is not verified again on every request (functions/lib/auth.ts); these are the
// limits of that: expiry still ends it, and the assignment is still read every time.
let s: Stack;
beforeAll(async () => { s = await startStack(); }, 60_000);
afterAll(async () => { await s?.close(); });
afterEach(() => { vi.useRealTimers(); });

describe("verified tokens", () => {
  it("a token accepted once is refused once it expires (beyond the 30 s tolerance), not served from memory", async () => {
    const token = await s.token("clerk-TST-D01", { expiresIn: "5s" });
    expect((await s.call("GET", "/api/me", { token })).status).toBe(200);
    expect((await s.call("GET", "/api/me", { token })).status).toBe(200);
    // Only Date moves: the host, jose and the storage client run on, 40 s later by the clock.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 40_000 });
    const r = await s.call("GET", "/api/me", { token });
    expect(r.status).toBe(401);
    expect(r.json.message.en).toMatch(/expired/);
  });

  it("within its tolerance the same token is still accepted", async () => {
    const token = await s.token("clerk-TST-D02", { expiresIn: "5s" });
    expect((await s.call("GET", "/api/me", { token })).status).toBe(200);
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 20_000 });
    expect((await s.call("GET", "/api/me", { token })).status).toBe(200);
  });

  it("a token that failed verification is refused every time (failures are not remembered as successes)", async () => {
    const good = await s.token("clerk-TST-D03");
    const [h, p, sig] = good.split(".");
    const forged = `${h}.${p}.${sig!.slice(0, -4)}AAAA`;
    for (let i = 0; i < 2; i++) expect((await s.call("GET", "/api/me", { token: forged })).status).toBe(401);
    expect((await s.call("GET", "/api/me", { token: good })).status).toBe(200);
  });
});
