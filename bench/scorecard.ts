/**
 * The nightly job's data-quality scorecard for a generated country (`npx tsx bench/scorecard.ts`),
 * printing JSON: 63 provinces, 700 districts, 10,000 communes with four years of data (the
 * scorecard judges 2015 against 2012–2014), consolidated over HTTP by the job with and without
 * scorecards. The scorecard's cost is the difference; the target is the whole run with
 * scorecards ≤ 10 s.
 */
import { cpus } from "node:os";
import { join } from "node:path";
import { startBenchStack } from "./stack.ts";
import { sampleCountry, storeSampleCountry } from "./sample-country.ts";
import { communeValues, rng } from "../scripts/demo.ts";

const { dir, az, host, table: t } = await startBenchStack("htct-bench-dqr-");
const { writeAssignments } = await import("../functions/store/reference.ts");
const { signDevToken } = await import("../functions/lib/token.ts");
await writeAssignments(t, [{ user: "job", role: "job", unit: null }]);
const token = await signDevToken({ user: "job", keyDir: join(dir, "keys") });
const ms = () => performance.now();

const PERIODS = ["2012", "2013", "2014", "2015"];
const r = rng(63);
const { country, districts: d, communes: c } = sampleCountry();
// The same commune drifts a little from year to year; one commune in 50 jumps in 2015.
const seeds = new Map<string, number>();
const valuesOf = (commune: { code: string }, period: string) => {
  let seed = seeds.get(commune.code);
  if (seed === undefined) seeds.set(commune.code, (seed = Math.floor(r() * 1e9)));
  return communeValues(seed + (period === "2015" && seed % 50 === 0 ? 7 : 0));
};
const tSeed = ms();
await storeSampleCountry(t, country, PERIODS, valuesOf);
const seedMs = ms() - tSeed;

async function consolidate(scorecards: boolean): Promise<{ ms: number; status: number; rows: number }> {
  const t0 = ms();
  const res = await fetch(`${host.url}/api/consolidations`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ period: "2015", scorecards }) });
  const body = (await res.json()) as { provinces: { rowsWritten: number }[] };
  return { ms: Math.round(ms() - t0), status: res.status, rows: body.provinces.reduce((s, p) => s + p.rowsWritten, 0) };
}
// Earlier periods are read cold by the first scorecard run, as the nightly job reads them.
const withScorecards = await consolidate(true);
const rerunWith = await consolidate(true);
const without = await consolidate(false);

console.log(JSON.stringify({
  name: "scorecard",
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? "", node: process.version, note: "client, functions host and Azurite share these cores" },
  country: { provinces: country.length, districts: d, communes: c, periods: PERIODS },
  seedMs: Math.round(seedMs),
  nightlyWithScorecards: withScorecards,
  rerunWithScorecards: rerunWith,
  consolidationOnlyRerun: without,
  target: { ms: 10_000, met: withScorecards.ms <= 10_000 && withScorecards.status === 200 },
}, null, 2));
await host.close();
await az.stop();
process.exit(0);
