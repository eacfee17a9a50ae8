/**
 * Server CPU per submission against the raw storage transaction (`npx tsx bench/submission-cpu.ts
 * [--quick] [--tree DIR] [--cpu-prof FILE]`), printing JSON. One client submits a 30-commune
 * reporting unit's data over HTTP to the functions host, which runs in a process of its own
 * (bench/host-process.ts); the raw side commits the same-shaped entity-group transaction (unit
 * row Replace under its ETag + history row + idempotency row, copies of rows the submissions
 * wrote with the province full) straight from @azure/data-tables in this process. Rounds
 * alternate, so both sides see the same load. The figure is CPU milliseconds of the host process
 * per submission against CPU of this process per raw transaction; the target is ≤ 3×. The HTTP
 * client's CPU is not the server's: it is reported apart (`clientCpuMs`), as is Azurite's.
 * `--tree DIR` serves the submissions from another checkout's host and app (old vs new, one window);
 * `--app DIR` serves the app as deployed (a folder built by `npm run build:functions`: one esbuild
 * bundle) instead of its sources compiled by tsx, whose keepNames helpers run in hot closures.
 */
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { odata, type TableEntity, type TransactionAction } from "@azure/data-tables";
import { getCatalog, reportingUnitsOf } from "../shared/index.ts";
import type { SubmissionRequest } from "../shared/contract/index.ts";
import { startBenchStack, startHostProcess } from "./stack.ts";
import { communeValues, syntheticProvince } from "../scripts/demo.ts";

const quick = process.argv.includes("--quick");
const treeIx = process.argv.indexOf("--tree");
const tree = treeIx > 0 ? process.argv[treeIx + 1] : undefined;
const { dir, az, table: t } = await startBenchStack("htct-subcpu-", { host: false });
const appIx = process.argv.indexOf("--app");
const app = appIx > 0 ? process.argv[appIx + 1] : undefined;
const host = await startHostProcess(tree, app);
const { writeAssignments, writeReference } = await import("../functions/store/reference.ts");
const { signDevToken } = await import("../functions/lib/token.ts");
const { pk } = await import("../functions/store/keys.ts");
const catalog = getCatalog();
const load0 = loadavg();

const PROV = "SCP";
const registry = syntheticProvince(PROV, 30, 30);
await writeReference(t, PROV, registry, []);
const units = reportingUnitsOf(registry, PROV).map((u) => u.code);
await writeAssignments(t, units.map((u) => ({ user: `clerk-${u}`, role: "clerk" as const, unit: u })));
const tokens = new Map(await Promise.all(units.map(async (u) => [u, await signDevToken({ user: `clerk-${u}`, keyDir: join(dir, "keys") })] as const)));
const versions = new Map<string, number>();

/** Bodies built before the clock starts; only the base version is spliced in per request. */
function bodyTail(unit: string, seed: number): string {
  const req: Omit<SubmissionRequest, "baseVersion"> = {
    province: PROV, unit, period: "2015", catalogVersion: catalog.version, mode: "merge",
    units: registry.filter((u) => u.parent === unit).map((c, i) => ({ unit: c.code, values: communeValues(seed * 1000 + i) })),
    source: { workbook: "bench.xlsx", sheet: "Sheet1", fingerprint: "bench" },
  };
  return JSON.stringify(req).slice(1);
}

async function submit(unit: string, tail: string): Promise<void> {
  const body = `{"baseVersion":${versions.get(unit) ?? null},${tail}`;
  const res = await fetch(`${host.url}/api/submissions`, { method: "POST", headers: { authorization: `Bearer ${tokens.get(unit)}`, "content-type": "application/json", "idempotency-key": randomUUID() }, body });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`submission answered ${res.status}: ${text.slice(0, 300)}`);
  versions.set(unit, (JSON.parse(text) as { version: number }).version);
}

function azuriteCpuMs(): number {
  try {
    const f = readFileSync(`/proc/${az.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch { return NaN; }
}
const selfCpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

// Every unit submits once, so the province is full and later rollups cover 30 units; then once
// more, and the raw side copies the rows of this second pass: the unit's first answers carry the
// rollup of 1, 2, … 30 units, smaller than any timed submission's, and its first history row
// has no old values.
for (let i = 0; i < units.length; i++) await submit(units[i]!, bodyTail(units[i]!, 1 + i));
const pass2 = new Date().toISOString();
for (let i = 0; i < units.length; i++) await submit(units[i]!, bodyTail(units[i]!, 50 + i));

type Row = TableEntity<Record<string, unknown>>;
async function rowsOf(since: string): Promise<Map<string, Row[]>> {
  const out = new Map<string, Row[]>();
  for await (const e of t.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${pk.period(PROV, "2015")}` } })) {
    const { etag: _e, timestamp, ...entity } = e as Row & { etag?: string; timestamp?: string };
    if (timestamp && timestamp < since) continue;
    const kind = e.rowKey!.slice(0, 2);
    out.set(kind, [...(out.get(kind) ?? []), entity]);
  }
  return out;
}
/** Bytes of an entity's payload parts (what dominates the transaction's size). */
const payloadBytes = (rows: Row[]) => rows.reduce((a, r) => a + Object.values(r).reduce((b: number, v) => b + (v instanceof Uint8Array ? v.byteLength : 0), 0), 0) / Math.max(1, rows.length);
const written = await rowsOf(pass2);
const sample = { unit: written.get("D|")!, history: written.get("H|")!, answer: written.get("I|")! };
let rawSeq = 0;
let rawEtag: string | null = null;
async function raw(): Promise<void> {
  const k = rawSeq++;
  const partitionKey = pk.period("RAW", "2015");
  const row = { ...sample.unit[k % sample.unit.length]!, partitionKey, rowKey: "D|RAW" };
  const actions: TransactionAction[] = [
    rawEtag ? ["update", row, "Replace", { etag: rawEtag }] : ["create", row],
    ["create", { ...sample.history[k % sample.history.length]!, partitionKey, rowKey: `H|RAW|${k}` }],
    ["create", { ...sample.answer[k % sample.answer.length]!, partitionKey, rowKey: `I|${k}` }],
  ];
  const r = await t.submitTransaction(actions);
  rawEtag = r.subResponses[0]?.etag ?? null;
}

const ROUNDS = quick ? 3 : 7;
const PER_ROUND = quick ? 20 : 40;
let seed = 100;
const rounds: { submissionCpuMs: number; clientCpuMs: number; rawCpuMs: number; submissionWallMs: number; rawWallMs: number; azuriteSubmissionMs: number; azuriteRawMs: number }[] = [];
const timedFrom = new Date().toISOString();
for (let round = 0; round < ROUNDS; round++) {
  const tails = Array.from({ length: PER_ROUND }, (_, i) => bodyTail(units[i % units.length]!, seed++));
  const h0 = await host.cpuMs();
  let c0 = selfCpuMs(), a0 = azuriteCpuMs(), w0 = performance.now();
  for (let i = 0; i < PER_ROUND; i++) await submit(units[i % units.length]!, tails[i]!);
  const sub = { wall: performance.now() - w0, client: selfCpuMs() - c0, az: azuriteCpuMs() - a0, cpu: (await host.cpuMs()) - h0 };
  c0 = selfCpuMs(); a0 = azuriteCpuMs(); w0 = performance.now();
  for (let i = 0; i < PER_ROUND; i++) await raw();
  const r = { cpu: selfCpuMs() - c0, az: azuriteCpuMs() - a0, wall: performance.now() - w0 };
  rounds.push({
    submissionCpuMs: sub.cpu / PER_ROUND, clientCpuMs: sub.client / PER_ROUND, rawCpuMs: r.cpu / PER_ROUND, submissionWallMs: sub.wall / PER_ROUND, rawWallMs: r.wall / PER_ROUND,
    azuriteSubmissionMs: sub.az / PER_ROUND, azuriteRawMs: r.az / PER_ROUND,
  });
}
const timedRows = await rowsOf(timedFrom);
// `--cpu-prof FILE`: one more batch of submissions alone, the host process profiled (after the
// timed rounds, so they are not slowed), for analysis of where a submission's CPU goes.
const profIx = process.argv.indexOf("--cpu-prof");
if (profIx > 0) {
  const file = process.argv[profIx + 1] ?? "submission.cpuprofile";
  const tails = Array.from({ length: 200 }, (_, i) => bodyTail(units[i % units.length]!, seed++));
  await host.profileStart();
  for (let i = 0; i < tails.length; i++) await submit(units[i % units.length]!, tails[i]!);
  writeFileSync(file, JSON.stringify(await host.profileStop()));
}
const median = (xs: number[]) => +[...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(2);
const ratios = rounds.map((r) => r.submissionCpuMs / r.rawCpuMs);
console.log(JSON.stringify({
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "", node: process.version, loadAverageStart: load0.map((x) => +x.toFixed(1)), loadAverageEnd: loadavg().map((x) => +x.toFixed(1)) },
  submissionCpu: {
    definition: "CPU ms of the functions host's process per submission of 30 communes, vs CPU ms per raw entity-group transaction of the same shape (its client's process); rounds alternate",
    tree: tree ?? "this checkout", app: app ?? "sources (tsx)",
    rounds: ROUNDS, perRound: PER_ROUND,
    submissionCpuMs: median(rounds.map((r) => r.submissionCpuMs)),
    rawCpuMs: median(rounds.map((r) => r.rawCpuMs)),
    ratio: median(ratios),
    ratiosPerRound: ratios.map((x) => +x.toFixed(2)),
    target: 3,
    met: median(ratios) <= 3,
    clientCpuMs: median(rounds.map((r) => r.clientCpuMs)),
    payloadBytes: {
      raw: { unit: Math.round(payloadBytes(sample.unit)), history: Math.round(payloadBytes(sample.history)), answer: Math.round(payloadBytes(sample.answer)) },
      timedSubmissions: { unit: Math.round(payloadBytes(timedRows.get("D|") ?? [])), history: Math.round(payloadBytes(timedRows.get("H|") ?? [])), answer: Math.round(payloadBytes(timedRows.get("I|") ?? [])) },
    },
    wallMs: { submission: median(rounds.map((r) => r.submissionWallMs)), raw: median(rounds.map((r) => r.rawWallMs)) },
    azuriteCpuMs: { submission: median(rounds.map((r) => r.azuriteSubmissionMs)), raw: median(rounds.map((r) => r.azuriteRawMs)) },
  },
}, null, 2));
await host.close();
await az.stop();
rmSync(dir, { recursive: true, force: true });
