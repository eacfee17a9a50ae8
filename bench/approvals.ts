/**
 * Approving a 170-unit province at once (`npx tsx bench/approvals.ts`), printing JSON: 170
 * reporting units marked complete, then one POST /api/approvals/…/approve naming all of them, over
 * HTTP to the local functions host on Azurite (checks, 4 entity-group transactions of 50 units,
 * the answer). Five rounds (approve, then reopen to start again); the target is ≤ 5 s.
 */
import { cpus } from "node:os";
import { join } from "node:path";
import type { TransactionAction } from "@azure/data-tables";
import { startBenchStack } from "./stack.ts";
import { communeValues, syntheticProvince } from "../scripts/demo.ts";
import { reportingUnitsOf } from "../shared/index.ts";

const { dir, az, host, table: t } = await startBenchStack("htct-bench-appr-");
const { writeAssignments, writeReference } = await import("../functions/store/reference.ts");
const { signDevToken } = await import("../functions/lib/token.ts");
const { unitEntity } = await import("../functions/store/units.ts");
const { approvalEntity } = await import("../functions/store/approvals.ts");

const UNITS = 170;
const PERIOD = "2015";
const reg = syntheticProvince("APR", UNITS, 3);
await writeReference(t, "APR", reg, []);
await writeAssignments(t, [{ user: "province-APR", role: "province", unit: "APR" }]);
const token = await signDevToken({ user: "province-APR", keyDir: join(dir, "keys") });
const units = reportingUnitsOf(reg, "APR");
const now = new Date().toISOString();
const rows = units.map((u, i) => ({
  ...unitEntity("APR", PERIOD, {
    unit: u.code, version: 1, firstSubmittedAt: now, lastSubmittedAt: now, lastSubmissionId: `s${i}`, lastUser: "seed", stamps: {},
    values: Object.fromEntries(reg.filter((c) => c.parent === u.code).map((c, k) => [c.code, communeValues(i * 10 + k)])),
  }),
  ...approvalEntity("APR", PERIOD, u.code, { state: "complete", version: 1, by: "seed", at: now, comment: null, firstApprovedVersion: null }),
}));
for (let i = 0; i < rows.length; i += 100) await t.submitTransaction(rows.slice(i, i + 100).map((e): TransactionAction => ["upsert", e, "Replace"]));

const post = async (action: string, comment?: string) => {
  const body = JSON.stringify({ units: units.map((u) => ({ unit: u.code, version: 1 })), ...(comment ? { comment } : {}) });
  const t0 = performance.now();
  const res = await fetch(`${host.url}/api/approvals/APR/${PERIOD}/${action}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body });
  const json = (await res.json()) as { units?: unknown[] };
  return { ms: +(performance.now() - t0).toFixed(1), status: res.status, units: json.units?.length ?? 0 };
};
const rounds: { approve: Awaited<ReturnType<typeof post>>; reopen: Awaited<ReturnType<typeof post>> }[] = [];
for (let r = 0; r < 5; r++) {
  const approve = await post("approve");
  const reopen = await post("reopen", "mở lại để đo lần sau");
  // Reopened units are marked complete again directly, so the next round approves the same 170.
  const back = units.map((u): TransactionAction => ["upsert", approvalEntity("APR", PERIOD, u.code, { state: "complete", version: 1, by: "seed", at: now, comment: null, firstApprovedVersion: 1 }), "Merge"]);
  for (let i = 0; i < back.length; i += 100) await t.submitTransaction(back.slice(i, i + 100));
  rounds.push({ approve, reopen });
}
const ms = rounds.map((r) => r.approve.ms).sort((a, b) => a - b);
console.log(JSON.stringify({
  name: "approvals",
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "", node: process.version, note: "client, functions host and Azurite share these cores" },
  units: UNITS,
  rounds,
  approveMs: { min: ms[0], median: ms[Math.floor(ms.length / 2)], max: ms.at(-1) },
  target: { ms: 5000, met: ms.at(-1)! <= 5000 && rounds.every((r) => r.approve.status === 200 && r.approve.units === UNITS) },
}, null, 2));
await host.close();
await az.stop();
process.exit(0);
