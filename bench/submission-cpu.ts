/**
 * Server CPU per submission against the raw storage transaction (`npx tsx bench/submission-cpu.ts
 * [--quick]`), printing JSON. One client submits a 30-commune reporting unit's data over HTTP to
 * the functions host in this process; the raw side commits the same-shaped entity-group
 * transaction (unit row Replace under its ETag + history row + idempotency row, copies of what the
 * submissions wrote) straight from @azure/data-tables. Rounds alternate, so both sides see the
 * same load; the figure is CPU milliseconds of this process (client + host) per operation, and
 * the target is submission ≤ 3× raw. Azurite's own CPU is reported beside it, not in the ratio.
 */
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { odata, type TableEntity, type TransactionAction } from "@azure/data-tables";
import { getCatalog, reportingUnitsOf } from "../shared/index.ts";
import type { SubmissionRequest } from "../shared/contract/index.ts";
import { startBenchStack } from "./stack.ts";
import { communeValues, syntheticProvince } from "../scripts/demo.ts";

const quick = process.argv.includes("--quick");
const { dir, az, host, table: t } = await startBenchStack("htct-subcpu-");
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

// Every unit submits once, so the province is full and later rollups cover 30 units.
for (let i = 0; i < units.length; i++) await submit(units[i]!, bodyTail(units[i]!, 1 + i));

const written = new Map<string, TableEntity<Record<string, unknown>>[]>();
for await (const e of t.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`PartitionKey eq ${pk.period(PROV, "2015")}` } })) {
  const { etag: _e, timestamp: _t, ...entity } = e as TableEntity<Record<string, unknown>> & { etag?: string; timestamp?: string };
  const kind = e.rowKey!.slice(0, 2);
  written.set(kind, [...(written.get(kind) ?? []), entity]);
}
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
const rounds: { submissionCpuMs: number; rawCpuMs: number; submissionWallMs: number; rawWallMs: number; azuriteSubmissionMs: number; azuriteRawMs: number }[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const tails = Array.from({ length: PER_ROUND }, (_, i) => bodyTail(units[i % units.length]!, seed++));
  let c0 = selfCpuMs(), a0 = azuriteCpuMs(), w0 = performance.now();
  for (let i = 0; i < PER_ROUND; i++) await submit(units[i % units.length]!, tails[i]!);
  const sub = { cpu: selfCpuMs() - c0, az: azuriteCpuMs() - a0, wall: performance.now() - w0 };
  c0 = selfCpuMs(); a0 = azuriteCpuMs(); w0 = performance.now();
  for (let i = 0; i < PER_ROUND; i++) await raw();
  const r = { cpu: selfCpuMs() - c0, az: azuriteCpuMs() - a0, wall: performance.now() - w0 };
  rounds.push({
    submissionCpuMs: sub.cpu / PER_ROUND, rawCpuMs: r.cpu / PER_ROUND, submissionWallMs: sub.wall / PER_ROUND, rawWallMs: r.wall / PER_ROUND,
    azuriteSubmissionMs: sub.az / PER_ROUND, azuriteRawMs: r.az / PER_ROUND,
  });
}
// `--cpu-prof FILE`: one more batch of submissions alone, profiled (after the timed rounds, so
// they are not slowed), for `node --cpu-prof`-style analysis of where a submission's CPU goes.
const profIx = process.argv.indexOf("--cpu-prof");
if (profIx > 0) {
  const file = process.argv[profIx + 1] ?? "submission.cpuprofile";
  const { Session } = await import("node:inspector/promises");
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  const tails = Array.from({ length: 200 }, (_, i) => bodyTail(units[i % units.length]!, seed++));
  await session.post("Profiler.start");
  for (let i = 0; i < tails.length; i++) await submit(units[i % units.length]!, tails[i]!);
  const { profile } = await session.post("Profiler.stop");
  writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
}
const median = (xs: number[]) => +[...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(2);
const ratios = rounds.map((r) => r.submissionCpuMs / r.rawCpuMs);
console.log(JSON.stringify({
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "", node: process.version, loadAverageStart: load0.map((x) => +x.toFixed(1)), loadAverageEnd: loadavg().map((x) => +x.toFixed(1)) },
  submissionCpu: {
    definition: "CPU ms of this process (HTTP client + functions host) per submission of 30 communes, vs per raw entity-group transaction of the same shape; rounds alternate",
    rounds: ROUNDS, perRound: PER_ROUND,
    submissionCpuMs: median(rounds.map((r) => r.submissionCpuMs)),
    rawCpuMs: median(rounds.map((r) => r.rawCpuMs)),
    ratio: median(ratios),
    ratiosPerRound: ratios.map((x) => +x.toFixed(2)),
    target: 3,
    met: median(ratios) <= 3,
    wallMs: { submission: median(rounds.map((r) => r.submissionWallMs)), raw: median(rounds.map((r) => r.rawWallMs)) },
    azuriteCpuMs: { submission: median(rounds.map((r) => r.azuriteSubmissionMs)), raw: median(rounds.map((r) => r.azuriteRawMs)) },
  },
}, null, 2));
await host.close();
await az.stop();
rmSync(dir, { recursive: true, force: true });
