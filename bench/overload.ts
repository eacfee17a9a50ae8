/**
 * Overload on loopback (`npx tsx bench/overload.ts [--quick]`), printing JSON: 200 clients, each
 * submitting for its own reporting unit in a loop for 60 s (50 districts of 5 communes per province, as
 * a national load spreads over provinces; one 200-district province makes every answer carry a
 * 200-unit rollup), against the functions host on Azurite with
 * its default back-pressure limits. A client told 503 waits the Retry-After it was given and sends
 * the same request (same idempotency key) again, as the CLI and the add-in do. Measured: how long
 * every answer took (served or refused), how many were served and refused, and whether anything
 * was lost: at the end each unit's stored version and history must equal its accepted count.
 * The clients run in this process with the host (undici's cost is counted on the host's loop), so
 * the figures are if anything pessimistic. Bounded: fixed clients, fixed duration, loopback only.
 */
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { getCatalog, reportingUnitsOf } from "../shared/index.ts";
import type { SubmissionRequest } from "../shared/contract/index.ts";
import { startBenchStack } from "./stack.ts";
import { communeValues, syntheticProvince } from "../scripts/demo.ts";

const quick = process.argv.includes("--quick");
const CLIENTS = quick ? 50 : 200;
const SECONDS = quick ? 15 : 60;
const { dir, az, host, table: t } = await startBenchStack("htct-bench-ovl-");
const { writeAssignments, writeReference } = await import("../functions/store/reference.ts");
const { signDevToken } = await import("../functions/lib/token.ts");
const { readUnit } = await import("../functions/store/units.ts");
const { readHistory } = await import("../functions/store/history.ts");
const catalog = getCatalog();
const loadAtStart = loadavg().map((x) => +x.toFixed(1));

const PER_PROVINCE = 50;
const provinces = Array.from({ length: Math.ceil(CLIENTS / PER_PROVINCE) }, (_, i) => syntheticProvince(`OV${i + 1}`, Math.min(PER_PROVINCE, CLIENTS - i * PER_PROVINCE), 5));
for (const p of provinces) await writeReference(t, p[0]!.code, p, []);
const OVL = provinces.flat();
const units = provinces.flatMap((p) => reportingUnitsOf(p, p[0]!.code)).map((u) => u.code);
const provinceOf = (d: string) => OVL.find((u) => u.code === d)!.parent!;
await writeAssignments(t, units.map((d) => ({ user: `clerk-${d}`, role: "clerk" as const, unit: d })));
const tokens = await Promise.all(units.map((d) => signDevToken({ user: `clerk-${d}`, keyDir: join(dir, "keys") })));
// Bodies built before the clock starts; only the base version is spliced in per request.
const tails = units.map((d, w) => Array.from({ length: 8 }, (_, k) => {
  const req: Omit<SubmissionRequest, "baseVersion"> = {
    province: provinceOf(d), unit: d, period: "2015", catalogVersion: catalog.version, mode: "merge",
    units: OVL.filter((u) => u.parent === d).map((c, i) => ({ unit: c.code, values: communeValues(w * 1000 + k * 10 + i) })),
    source: { workbook: "bench.xlsx", sheet: "Sheet1", fingerprint: "bench" },
  };
  return JSON.stringify(req).slice(1);
}));

const answers: { ms: number; status: number }[] = [];
const accepted = units.map(() => 0);
const statuses: Record<string, number> = {};
let unexpected = 0;
const end = performance.now() + SECONDS * 1000;

async function client(w: number): Promise<void> {
  let version: number | null = null;
  for (let k = 0; performance.now() < end; k++) {
    const body = `{"baseVersion":${version},${tails[w]![k % 8]}`;
    const key = randomUUID();
    // One logical submission: retried with the same key until served (or the run is over).
    for (;;) {
      const t0 = performance.now();
      let status = 0;
      let text = "";
      let retryAfter = 1;
      try {
        const res = await fetch(`${host.url}/api/submissions`, { method: "POST", headers: { authorization: `Bearer ${tokens[w]}`, "content-type": "application/json", "idempotency-key": key }, body });
        text = await res.text();
        status = res.status;
        retryAfter = Number(res.headers.get("retry-after") ?? 1);
      } catch { status = -1; }
      answers.push({ ms: performance.now() - t0, status });
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 200) { version = (JSON.parse(text) as { version: number }).version; accepted[w]!++; break; }
      if (status !== 503) { unexpected++; return; }
      if (performance.now() + retryAfter * 1000 > end + 15_000) return; // the run is over; unfinished, not lost (never accepted)
      await new Promise((ok) => setTimeout(ok, retryAfter * 1000 * (0.5 + Math.random())));
    }
  }
}

const t0 = performance.now();
await Promise.all(units.map((_, w) => client(w)));
const wallMs = performance.now() - t0;

// Nothing lost: every accepted submission is the unit's version and has its history row.
let lost = 0;
for (const [w, d] of units.entries()) {
  const stored = await readUnit(t, provinceOf(d), "2015", d);
  const history = await readHistory(t, provinceOf(d), "2015", d, { limit: 1000 });
  if ((stored?.version ?? 0) !== accepted[w] || history.length !== accepted[w]) lost++;
}
const lat = answers.map((a) => a.ms).sort((a, b) => a - b);
const pct = (p: number) => +lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))]!.toFixed(1);
const served = answers.filter((a) => a.status === 200).map((a) => a.ms).sort((a, b) => a - b);
const out = {
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "", node: process.version, loadAverageAtStart: loadAtStart, loadAverageAtEnd: loadavg().map((x) => +x.toFixed(1)), note: "host, Azurite and the 200 clients share these cores with other work (see the load average)" },
  overload: {
    clients: CLIENTS, seconds: SECONDS, provinces: provinces.length, unitsPerProvince: PER_PROVINCE, wallMs: Math.round(wallMs), host: host.load(),
    answers: answers.length, statuses, unexpected,
    answerMs: { p50: pct(50), p90: pct(90), p99: pct(99), max: +lat[lat.length - 1]!.toFixed(1) },
    servedMs: { p50: +(served[Math.floor(served.length / 2)] ?? NaN).toFixed(1), p99: +(served[Math.floor(served.length * 0.99)] ?? NaN).toFixed(1) },
    acceptedSubmissions: accepted.reduce((a, b) => a + b, 0), acceptedPerSecond: +(accepted.reduce((a, b) => a + b, 0) / (wallMs / 1000)).toFixed(1),
    unitsWithLostOrExtraWrites: lost,
    target: "every answer ≤ 10,000 ms, nothing lost", meetsTarget: lat[lat.length - 1]! <= 10_000 && lost === 0 && unexpected === 0,
  },
};
console.log(JSON.stringify(out, null, 2));
await host.close();
await az.stop();
rmSync(dir, { recursive: true, force: true });
