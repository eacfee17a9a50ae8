import { describe, expect, it } from "vitest";
import { admission, limitsFromEnv } from "../../functions/host/admission.ts";

const tick = (ms = 0) => new Promise((ok) => setTimeout(ok, ms));

describe("admission", () => {
  it("admits up to `active`, queues up to `queued` in order, refuses the rest at once", async () => {
    const g = admission({ active: 2, queued: 2, maxWaitMs: 10_000 });
    const a = await g.enter();
    const b = await g.enter();
    expect(a && b).toBeTruthy();
    const order: string[] = [];
    const c = g.enter().then((r) => { order.push("c"); return r; });
    const d = g.enter().then((r) => { order.push("d"); return r; });
    expect(await g.enter()).toBeNull();
    expect(g.stats()).toMatchObject({ active: 2, queued: 2, refused: 1 });
    a!();
    a!(); // a second release frees nothing more
    await tick();
    expect(order).toEqual(["c"]);
    b!();
    await tick();
    expect(order).toEqual(["c", "d"]);
    expect(g.stats()).toMatchObject({ active: 2, queued: 0 });
    (await c)!(); (await d)!();
    expect(g.stats()).toMatchObject({ active: 0, served: 4 });
  });

  it("refuses a waiting request after maxWaitMs and gives a Retry-After of at least 1 s", async () => {
    const g = admission({ active: 1, queued: 5, maxWaitMs: 30 });
    const a = await g.enter();
    const t0 = performance.now();
    expect(await g.enter()).toBeNull();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(25);
    expect(g.retryAfterSeconds()).toBeGreaterThanOrEqual(1);
    a!();
    expect(await g.enter()).toBeTypeOf("function");
  });

  it("reads limits from the environment and rejects nonsense", () => {
    expect(limitsFromEnv({ HTCT_HOST_MAX_ACTIVE: "3", HTCT_HOST_MAX_QUEUED: "0", HTCT_HOST_MAX_WAIT_MS: "10" })).toEqual({ active: 3, queued: 0, maxWaitMs: 10 });
    expect(limitsFromEnv({})).toEqual({ active: 4, queued: 32, maxWaitMs: 2500 });
    expect(() => limitsFromEnv({ HTCT_HOST_MAX_QUEUED: "-1" })).toThrow(/HTCT_HOST_MAX_QUEUED/);
    expect(() => limitsFromEnv({ HTCT_HOST_MAX_ACTIVE: "many" })).toThrow(/HTCT_HOST_MAX_ACTIVE/);
    expect(() => admission({ active: 0, queued: 1, maxWaitMs: 1 })).toThrow(RangeError);
  });
});
