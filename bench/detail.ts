/**
 * Drill-down and audit (`npx tsx bench/detail.ts`), printing JSON: one district of 60 communes
 * with 50 stored versions of 600 changed values each (30,000 changes), read through
 * GET /api/details/… over HTTP from the local functions host on Azurite (registry, stored
 * values, history and approval steps; the communes rolled up; the changes filtered), ten times;
 * then the answer written as the pane writes it (shared layout, strict fake Excel at ExcelApi
 * 1.9 with Excel on the web's 5 MB limit): syncs, the largest request, time.
 */
import { cpus } from "node:os";
import { join } from "node:path";
import type { TransactionAction } from "@azure/data-tables";
import { startBenchStack } from "./stack.ts";
import { communeValues, syntheticProvince } from "../scripts/demo.ts";
import { DetailResponse, type HistoryEntry } from "../shared/contract/index.ts";
import { capabilities } from "../addin/src/excel/adapter.ts";
import { writeDetailSheet } from "../addin/src/excel/detail-sheet.ts";
import { FakeExcelHost, FakeWorkbook } from "../tests/addin/fake-excel/index.ts";

const { dir, az, host, table: t } = await startBenchStack("htct-bench-detail-");
const { writeAssignments, writeReference } = await import("../functions/store/reference.ts");
const { signDevToken } = await import("../functions/lib/token.ts");
const { unitEntity } = await import("../functions/store/units.ts");
const { historyEntity } = await import("../functions/store/history.ts");

const PERIOD = "2015";
const VERSIONS = 50;
const CHANGES = 600;
const reg = syntheticProvince("DET", 1, 60);
await writeReference(t, "DET", reg, []);
await writeAssignments(t, [{ user: "province-DET", role: "province", unit: "DET" }]);
const token = await signDevToken({ user: "province-DET", keyDir: join(dir, "keys") });
const unitCode = "DET-D01";
const communes = reg.filter((u) => u.parent === unitCode);
const values = Object.fromEntries(communes.map((c, k) => [c.code, communeValues(k + 1)]));
const codes = Object.keys(values[communes[0]!.code]!);
const start = Date.parse("2016-01-10T00:00:00Z");
const at = (v: number) => new Date(start + v * 3_600_000).toISOString();
const entities = [unitEntity("DET", PERIOD, {
  unit: unitCode, version: VERSIONS, firstSubmittedAt: at(1), lastSubmittedAt: at(VERSIONS), lastSubmissionId: `s${VERSIONS}`, lastUser: "clerk-DET-D01", stamps: {}, values,
})];
for (let v = 1; v <= VERSIONS; v++) {
  const changes: HistoryEntry["changes"] = Array.from({ length: CHANGES }, (_, k) => ({ unit: communes[k % communes.length]!.code, indicator: codes[k % codes.length]!, old: v === 1 ? null : k + v - 1, new: k + v }));
  entities.push(historyEntity("DET", PERIOD, unitCode, {
    submissionId: `s${v}`, version: v, user: "clerk-DET-D01", at: at(v), mode: "merge",
    summary: { created: 0, updated: CHANGES, unchanged: 0, deleted: 0 }, source: { workbook: `bao-cao-${v}.xlsx`, sheet: "Báo cáo", fingerprint: "fp" }, changes,
  }));
}
for (let i = 0; i < entities.length; i += 100) await t.submitTransaction(entities.slice(i, i + 100).map((e): TransactionAction => ["upsert", e, "Replace"]));

const reads: { ms: number; status: number; kB: number }[] = [];
let answer: DetailResponse | null = null;
for (let r = 0; r < 10; r++) {
  const t0 = performance.now();
  const res = await fetch(`${host.url}/api/details/DET/${PERIOD}/${unitCode}?limit=${VERSIONS}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  reads.push({ ms: +(performance.now() - t0).toFixed(1), status: res.status, kB: +(Buffer.byteLength(text) / 1024).toFixed(1) });
  answer = DetailResponse.parse(JSON.parse(text));
}
const ms = reads.map((r) => r.ms).sort((a, b) => a - b);

const sheetRuns: { ms: number; syncs: number; maxRequestKB: number; rows: number }[] = [];
for (let r = 0; r < 3; r++) {
  const fake = new FakeExcelHost(new FakeWorkbook(), { excelApi: "1.9", mode: "web" });
  const t0 = performance.now();
  const w = await writeDetailSheet(fake.run, answer!, "vi", null, capabilities(fake.office));
  sheetRuns.push({ ms: +(performance.now() - t0).toFixed(1), syncs: w.syncs, maxRequestKB: +(fake.maxRequestBytes / 1024).toFixed(1), rows: w.rows });
}
console.log(JSON.stringify({
  name: "detail",
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "", node: process.version, note: "client, functions host and Azurite share these cores" },
  communes: communes.length, versions: VERSIONS, changes: VERSIONS * CHANGES,
  route: { readsMs: { min: ms[0], median: ms[Math.floor(ms.length / 2)], max: ms.at(-1) }, answerKB: reads[0]!.kB, statuses: [...new Set(reads.map((r) => r.status))] },
  sheet: sheetRuns,
}, null, 2));
await host.close();
await az.stop();
process.exit(0);
