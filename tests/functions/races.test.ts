import type { TableClient, TransactionAction } from "@azure/data-tables";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SubmissionRequest } from "../../shared/contract/index.ts";
import { idem, startStack, submission, type Stack } from "./stack.ts";

let s: Stack;
beforeAll(async () => { s = await startStack(); }, 60_000);
afterAll(async () => { await s?.close(); });

/**
 * The table client a submission runs with, except that just before its first commit the given
 * action runs (through the HTTP API, i.e. another instance): the submission has read the period as
 * open and computed its merge, and the lock lands between that read and its transaction.
 */
function beforeFirstCommit(t: TableClient, action: () => Promise<void>): TableClient {
  let fired = false;
  return new Proxy(t, {
    get(target, prop, receiver) {
      if (prop === "submitTransaction") {
        return async (actions: TransactionAction[]) => {
          if (!fired) { fired = true; await action(); }
          return target.submitTransaction(actions);
        };
      }
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

async function submitDirect(t: TableClient, unitCode: string, req: SubmissionRequest): Promise<{ status: number }> {
  const { submit } = await import("../../functions/lib/submissions.ts");
  const { ApiError } = await import("../../functions/lib/errors.ts");
  const user = `clerk-${unitCode}`;
  try {
    return await submit(t, { user, displayName: user, assignment: { user, role: "clerk", unit: unitCode } }, req, idem("race")["idempotency-key"]);
  } catch (e) {
    if (e instanceof ApiError) return { status: e.status };
    throw e;
  }
}

const rows = async (prefix: string, period: string) => {
  let n = 0;
  for await (const _ of s.table.listEntities({ queryOptions: { filter: `PartitionKey eq 'P|TST|${period}' and RowKey ge '${prefix}' and RowKey lt '${prefix.slice(0, -1)}}'` } })) n++;
  return n;
};

describe("a lock landing while a submission is in flight", () => {
  it("refuses the in-flight submission with 423 and stores nothing (a unit with data: its ETag fails)", async () => {
    const period = "2031";
    const first = await s.call("POST", "/api/submissions", { user: "clerk-TST-D01", body: submission("TST-D01", { period }), headers: idem() });
    expect(first.status).toBe(200);
    const [history, answers] = [await rows("H|", period), await rows("I|", period)];
    const lock = async () => { expect((await s.call("POST", `/api/periods/TST/${period}/lock`, { user: "province-TST" })).status).toBe(200); };
    const r = await submitDirect(beforeFirstCommit(s.table, lock), "TST-D01", submission("TST-D01", { period, baseVersion: 1 }, 2));
    expect(r.status).toBe(423);
    expect([await rows("H|", period), await rows("I|", period)]).toEqual([history, answers]);
    const hist = await s.call("GET", `/api/submissions/TST/${period}/TST-D01`, { user: "province-TST" });
    expect(hist.json.currentVersion).toBe(1);
  });

  it("refuses it too for a unit without data yet (the lock's placeholder row makes its create fail)", async () => {
    const period = "2032";
    const lock = async () => { expect((await s.call("POST", `/api/periods/TST/${period}/lock`, { user: "province-TST" })).status).toBe(200); };
    const r = await submitDirect(beforeFirstCommit(s.table, lock), "TST-D02", submission("TST-D02", { period }));
    expect(r.status).toBe(423);
    expect([await rows("H|", period), await rows("I|", period)]).toEqual([0, 0]);
    // Placeholders are not data: the rollup shows nobody submitted, and after unlocking the
    // unit submits normally (updating its placeholder under its ETag).
    const roll = await s.call("GET", `/api/rollups/TST/${period}`, { user: "province-TST" });
    expect(roll.json.completeness.unitsReported).toBe(0);
    expect(roll.json.locked).toBe(true);
    expect((await s.call("POST", `/api/periods/TST/${period}/unlock`, { user: "province-TST" })).status).toBe(200);
    const ok = await s.call("POST", "/api/submissions", { user: "clerk-TST-D02", body: submission("TST-D02", { period }), headers: idem() });
    expect(ok.status).toBe(200);
    expect(ok.json.version).toBe(1);
    expect(ok.json.rollup.completeness.unitsReported).toBe(1);
  });

  it("lets a submission that committed before the lock stand, and one after it answer 423", async () => {
    const period = "2033";
    const unlocked = async () => undefined;
    expect((await submitDirect(beforeFirstCommit(s.table, unlocked), "TST-D03", submission("TST-D03", { period }))).status).toBe(200);
    expect((await s.call("POST", `/api/periods/TST/${period}/lock`, { user: "province-TST" })).status).toBe(200);
    const after = await s.call("POST", "/api/submissions", { user: "clerk-TST-D03", body: submission("TST-D03", { period, baseVersion: 1 }, 3), headers: idem() });
    expect(after.status).toBe(423);
    expect(await rows("H|", period)).toBe(1);
  });
});

describe("idempotency records expire", () => {
  it("consolidation deletes records older than the retention (7 days); newer ones still replay", async () => {
    const period = "2034";
    const { rk } = await import("../../functions/store/keys.ts");
    const oldKey = idem("old")["idempotency-key"];
    const newKey = idem("new")["idempotency-key"];
    const body1 = submission("TST-D04", { period });
    const r1 = await s.call("POST", "/api/submissions", { user: "clerk-TST-D04", body: body1, headers: { "idempotency-key": oldKey } });
    const body2 = submission("TST-D04", { period, baseVersion: 1 }, 2);
    const r2 = await s.call("POST", "/api/submissions", { user: "clerk-TST-D04", body: body2, headers: { "idempotency-key": newKey } });
    expect([r1.status, r2.status]).toEqual([200, 200]);
    // Eight days ago, as if the first one had been recorded then.
    const pk = `P|TST|${period}`;
    const oldRow = rk.idempotency("TST-D04", "clerk-TST-D04", oldKey);
    await s.table.updateEntity({ partitionKey: pk, rowKey: oldRow, createdAt: new Date(Date.now() - 8 * 86_400_000).toISOString() }, "Merge");
    // Six days ago: still within the retention.
    const newRow = rk.idempotency("TST-D04", "clerk-TST-D04", newKey);
    await s.table.updateEntity({ partitionKey: pk, rowKey: newRow, createdAt: new Date(Date.now() - 6 * 86_400_000).toISOString() }, "Merge");

    const cons = await s.call("POST", "/api/consolidations", { user: "job-consolidation", body: { province: "TST", period } });
    expect(cons.status).toBe(200);
    expect(cons.json.provinces[0].answersExpired).toBe(1);
    const exists = async (rowKey: string) => s.table.getEntity(pk, rowKey).then(() => true, (e: { statusCode?: number }) => { if (e.statusCode === 404) return false; throw e; });
    expect(await exists(oldRow)).toBe(false);
    expect(await exists(newRow)).toBe(true);

    const replay = await s.call("POST", "/api/submissions", { user: "clerk-TST-D04", body: body2, headers: { "idempotency-key": newKey } });
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(replay.json).toEqual(r2.json);
    // Past the retention the key is a new submission: merged again as new, not replayed.
    const late = await s.call("POST", "/api/submissions", { user: "clerk-TST-D04", body: { ...body1, baseVersion: 2 }, headers: { "idempotency-key": oldKey } });
    expect(late.status).toBe(200);
    expect(late.headers.get("idempotent-replayed")).toBeNull();
    expect(late.json.version).toBe(3);
    const again = await s.call("POST", "/api/consolidations", { user: "job-consolidation", body: { province: "TST", period } });
    expect(again.json.provinces[0].answersExpired).toBe(0);
  });
});

describe("history rows", () => {
  it("are stored with compact change tuples and rows in the earlier object form still read", async () => {
    const { pack } = await import("../../functions/store/chunks.ts");
    const { rk } = await import("../../functions/store/keys.ts");
    const { readHistory } = await import("../../functions/store/history.ts");
    const period = "2035";
    const r = await s.call("POST", "/api/submissions", { user: "clerk-TST-D05", body: submission("TST-D05", { period }), headers: idem() });
    expect(r.status).toBe(200);
    const at = new Date(Date.now() + 60_000).toISOString();
    const changes = [{ unit: "TST-D05-M01", indicator: "members.total", old: null, new: 12 }];
    await s.table.createEntity({
      partitionKey: `P|TST|${period}`, rowKey: rk.history("TST-D05", new Date(at)), submissionId: "old-form", version: 2, user: "clerk-TST-D05", at, mode: "merge",
      ...pack("h", { summary: { created: 1, updated: 0, unchanged: 0, deleted: 0 }, source: { workbook: "w", sheet: "s", fingerprint: "f" }, changes }),
    });
    const [older, newer] = [...(await readHistory(s.table, "TST", period, "TST-D05"))].reverse();
    expect(newer).toMatchObject({ submissionId: "old-form", changes });
    expect(older!.changes.length).toBe(r.json.summary.created);
    expect(older!.changes[0]).toEqual({ unit: expect.any(String), indicator: expect.any(String), old: null, new: expect.anything() });
  });
});

describe("reference data cache", () => {
  it("keeps the same registry object across a refresh while its row is unchanged, and a new one after a write", async () => {
    const ref = await import("../../functions/store/reference.ts");
    const a = await ref.readOrgUnits(s.table, "TST");
    const shared = await Promise.all([ref.readOrgUnits(s.table, "TST"), ref.readOrgUnits(s.table, "TST")]);
    expect(shared.every((x) => x === a)).toBe(true);
    ref.expireReferenceCache();
    const b = await ref.readOrgUnits(s.table, "TST");
    expect(b).toBe(a);
    await ref.writeReference(s.table, "TST", a!, await ref.readTargets(s.table, "TST"));
    const c = await ref.readOrgUnits(s.table, "TST");
    expect(c).not.toBe(a);
    expect(c).toEqual(a);
  });
});
