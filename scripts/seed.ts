/**
 * Demo data for a running local stack: the seed registry and targets, the assignment table, and
 * sample submissions posted through the API (so they are validated and merged like any other).
 *   npx tsx scripts/seed.ts [--url http://127.0.0.1:7071] [--connection <conn>]
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { REGISTRY } from "../seeds/orgunits.ts";
import { HAM_TAN_TARGETS } from "../seeds/targets.ts";
import { getCatalog } from "../shared/index.ts";
import type { SubmissionRequest } from "../shared/contract/index.ts";
import { signDevToken } from "../functions/lib/token.ts";
import { table } from "../functions/store/client.ts";
import { readDistrict } from "../functions/store/districts.ts";
import { writeAssignments, writeReference } from "../functions/store/reference.ts";
import { communeValues, demoAssignments, provincesOf } from "./demo.ts";

export async function seedReference(): Promise<void> {
  const t = table();
  await t.createTable();
  for (const p of provincesOf(REGISTRY)) await writeReference(t, p.province.code, p.units, p.targets(HAM_TAN_TARGETS));
  await writeAssignments(t, demoAssignments(REGISTRY));
}

/** Sample submissions: every district of Bình Thuận and Lai Châu for 2015, half of Huế's. */
export async function seedSubmissions(baseUrl: string, keyDir: string, log: (s: string) => void = console.log): Promise<void> {
  const catalog = getCatalog();
  const districts = REGISTRY.filter((u) => u.level === "district" && (u.parent !== "TTH" || u.code < "TTH-P"));
  for (const d of districts) {
    // Seeding again must not add versions to districts that already have data.
    if (await readDistrict(table(), d.parent!, "2015", d.code)) { log(`  ${d.code}: already has 2015 data`); continue; }
    const communes = REGISTRY.filter((u) => u.parent === d.code);
    const token = await signDevToken({ user: `clerk-${d.code}`, keyDir });
    const body: SubmissionRequest = {
      province: d.parent!, unit: d.code, period: "2015", catalogVersion: catalog.version, baseVersion: null, mode: "replace",
      units: communes.map((c, i) => ({ unit: c.code, values: communeValues(i + 1 + d.code.length * 31) })),
      source: { workbook: `${d.name} 2015.xlsx`, sheet: "Tổng hợp", fingerprint: `demo-${d.code}` },
    };
    const res = await fetch(`${baseUrl}/api/submissions`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": `seed-${d.code}-2015-${randomUUID()}` },
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as { version?: number; error?: string; message?: { en: string } };
    log(`  ${d.code}: ${res.status} ${answer.version !== undefined ? `version ${answer.version}` : `${answer.error} ${answer.message?.en ?? ""}`}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { url: { type: "string", default: "http://127.0.0.1:7071" }, "key-dir": { type: "string", default: ".dev-keys" } } });
  await seedReference();
  console.log("reference data and assignments written");
  await seedSubmissions(values.url!, values["key-dir"]!);
  const { seedProvincialDemo } = await import("./seed-provincial.ts");
  await seedProvincialDemo(values.url!, values["key-dir"]!);
}
