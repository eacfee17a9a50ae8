import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idem, startStack, submission, TST, type Stack } from "./stack.ts";

let s: Stack;
beforeAll(async () => { s = await startStack({ persistent: true }); }, 60_000);
afterAll(async () => { await s?.close(); });

const PERIOD = "2021";
const UNITS = TST.filter((u) => u.level === "district").map((u) => u.code);

describe("storage faults", () => {
  it("storage stopped mid-run → 503 + Retry-After and no partial state; after restart the same keys succeed exactly once", async () => {
    // Two submissions per unit touching different indicators, so none conflicts with the other.
    const plan = UNITS.flatMap((unitCode) => {
      const communes = TST.filter((u) => u.parent === unitCode).map((u) => u.code);
      return [
        { unitCode, key: idem("f")["idempotency-key"], body: submission(unitCode, { period: PERIOD, units: communes.map((unit) => ({ unit, values: { "poverty.escaped": 1 } })) }) },
        { unitCode, key: idem("f")["idempotency-key"], body: submission(unitCode, { period: PERIOD, units: communes.map((unit) => ({ unit, values: { "poverty.relapsed": 2 } })) }) },
      ];
    });
    const send = (p: (typeof plan)[number]) => s.call("POST", "/api/submissions", { user: `clerk-${p.unitCode}`, body: p.body, headers: { "idempotency-key": p.key } });

    let done = 0;
    const inFlight = plan.map((p) => send(p).then((r) => { done++; return r; }));
    while (done < 8) await new Promise((r) => setTimeout(r, 5));
    await s.az.stop();
    const first = await Promise.all(inFlight);

    const statuses = first.map((r) => r.status);
    expect(statuses.every((c) => c === 200 || c === 503), JSON.stringify(statuses)).toBe(true);
    expect(statuses.filter((c) => c === 503).length).toBeGreaterThan(0);
    for (const r of first.filter((x) => x.status === 503)) {
      expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(r.json).toMatchObject({ error: "storage_unavailable", message: { vi: expect.any(String), en: expect.any(String) } });
    }
    const health = await s.call("GET", "/api/health");
    expect(health.status).toBe(503);
    expect(health.headers.get("retry-after")).toBe("2");
    const rollup = await s.call("GET", `/api/rollups/TST/${PERIOD}`, { user: "province-TST" });
    expect(rollup.status).toBe(503);

    await s.az.restart();
    expect((await s.call("GET", "/api/health")).status).toBe(200);

    // No partial state: every unit's version equals its history rows and its stored answers.
    const { readUnit } = await import("../../functions/store/units.ts");
    const { readHistory } = await import("../../functions/store/history.ts");
    const count = async (prefix: string) => { let n = 0; for await (const _ of s.table.listEntities({ queryOptions: { filter: `PartitionKey eq 'P|TST|${PERIOD}' and RowKey ge '${prefix}' and RowKey lt '${prefix.slice(0, -1)}}'` } })) n++; return n; };
    const check = async () => {
      let versions = 0;
      for (const d of UNITS) {
        const cur = await readUnit(s.table, "TST", PERIOD, d);
        const hist = await readHistory(s.table, "TST", PERIOD, d);
        expect(hist.length, d).toBe(cur?.version ?? 0);
        versions += cur?.version ?? 0;
      }
      expect(await count("I|")).toBe(versions);
      return versions;
    };
    const committedBeforeRetry = await check();
    expect(committedBeforeRetry).toBeGreaterThanOrEqual(first.filter((r) => r.status === 200).length);

    // Retry everything with the same keys: the ones that had succeeded replay their first answer.
    const second = await Promise.all(plan.map(send));
    expect(second.map((r) => r.status)).toEqual(plan.map(() => 200));
    first.forEach((r, i) => { if (r.status === 200) expect(second[i]!.json).toEqual(r.json); });
    expect(await check()).toBe(plan.length);
    const third = await Promise.all(plan.map(send));
    third.forEach((r, i) => { expect(r.json).toEqual(second[i]!.json); expect(r.headers.get("idempotent-replayed")).toBe("true"); });
    expect(await check()).toBe(plan.length);
    const after = await s.call("GET", `/api/rollups/TST/${PERIOD}`, { user: "province-TST" });
    expect(after.json.totals["poverty.escaped"]).toBe(90);
    expect(after.json.totals["poverty.relapsed"]).toBe(180);
  }, 120_000);
});
