/**
 * Demo data for a running local stack: the seed registry and targets, the assignment table, the
 * country's real provinces (seed-national.ts: their registries, no people, no figures), and
 * sample submissions posted through the API (so they are validated and merged like any other).
 *   npx tsx scripts/seed.ts [--url http://127.0.0.1:7071] [--connection <conn>]
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { REGISTRY } from "../seeds/orgunits.ts";
import { HAM_TAN_TARGETS } from "../seeds/targets.ts";
import { getCatalog, unitsValidIn, type OrgUnit } from "../shared/index.ts";
import type { SubmissionRequest } from "../shared/contract/index.ts";
import { signDevToken } from "../functions/lib/token.ts";
import { table } from "../functions/store/client.ts";
import { readUnit } from "../functions/store/units.ts";
import { writeAssignments, writeReference } from "../functions/store/reference.ts";
import { communeValues, demoAssignments, provincesOf } from "./demo.ts";
import { seedNationalProvinces } from "./seed-national.ts";

export async function seedReference(): Promise<void> {
  const t = table();
  await t.createTable();
  for (const p of provincesOf(REGISTRY)) await writeReference(t, p.province.code, p.units, p.targets(HAM_TAN_TARGETS));
  await writeAssignments(t, demoAssignments(REGISTRY));
  await seedNationalProvinces(t);
}

/**
 * Sample submissions, through the API like any other: in the three-tier structure every district
 * of Bình Thuận and Lai Châu for 2015 (half of Huế's), and Hàm Tân for 2022–2024, so the
 * two-tier demo has earlier figures to reconstruct; in the two-tier structure, Lâm Đồng's sample
 * communes for 2026: Xã mẫu 01 with its party cells as rows, Xã mẫu 02–04 as one-unit forms,
 * and Đặc khu mẫu not yet reported; and the half-years either side of the reorganisation (Hàm Tân
 * 2024-H2 and 2025-H1, the sample communes 2025-H2). Hàm Tân's 2015 and Xã mẫu 01's 2026 are corrected after the
 * first report (versions 3 and 2), so their detail sheets have a history to show.
 */
export async function seedSubmissions(baseUrl: string, keyDir: string, log: (s: string) => void = console.log): Promise<void> {
  const catalog = getCatalog();
  const send = async (unit: OrgUnit, period: string, rows: SubmissionRequest["units"], over: Partial<SubmissionRequest> = {}) => {
    const token = await signDevToken({ user: `clerk-${unit.code}`, keyDir });
    const body: SubmissionRequest = {
      province: unit.parent!, unit: unit.code, period, catalogVersion: catalog.version, baseVersion: null, mode: "replace", units: rows,
      source: { workbook: `${unit.name} ${period}.xlsx`, sheet: "Tổng hợp", fingerprint: `demo-${unit.code}-${period}` }, ...over,
    };
    const res = await fetch(`${baseUrl}/api/submissions`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": `seed-${unit.code}-${period}-${randomUUID()}` },
      body: JSON.stringify(body),
    });
    const answer = (await res.json()) as { version?: number; error?: string; message?: { en: string } };
    log(`  ${unit.code} ${period}: ${res.status} ${answer.version !== undefined ? `version ${answer.version}` : `${answer.error} ${answer.message?.en ?? ""}`}`);
  };
  const post = async (unit: OrgUnit, period: string, rows: SubmissionRequest["units"]) => {
    // Seeding again must not add versions to units that already have data.
    if (await readUnit(table(), unit.parent!, period, unit.code)) { log(`  ${unit.code} ${period}: already has data`); return; }
    await send(unit, period, rows);
  };
  /**
   * A clerk's correction after the first report (some rows sent again), so that the detail
   * sheet's history shows versions and what changed; sent once, however often the seed runs.
   */
  const correct = async (unit: OrgUnit, period: string, toVersion: number, rows: SubmissionRequest["units"]) => {
    const stored = await readUnit(table(), unit.parent!, period, unit.code);
    if (!stored || stored.version >= toVersion) return;
    await send(unit, period, rows, {
      mode: "merge", baseVersion: stored.version,
      source: { workbook: `${unit.name} ${period} (sửa lần ${toVersion - 1}).xlsx`, sheet: "Tổng hợp", fingerprint: `demo-${unit.code}-${period}` },
    });
  };
  const under = (code: string) => REGISTRY.filter((u) => u.parent === code);
  const units2015 = REGISTRY.filter((u) => u.level === "district" && (u.parent !== "TTH" || u.code < "TTH-P"));
  for (const d of units2015) await post(d, "2015", under(d.code).map((c, i) => ({ unit: c.code, values: communeValues(i + 1 + d.code.length * 31) })));
  const hamTan = REGISTRY.find((u) => u.code === "BTH-HTN")!;
  // Hàm Tân 2015 corrected twice: two communes' figures, then one commune's again.
  const htn = under("BTH-HTN");
  await correct(hamTan, "2015", 2, [2, 5].map((k) => ({ unit: htn[k]!.code, values: communeValues(5000 + k) })));
  await correct(hamTan, "2015", 3, [{ unit: htn[5]!.code, values: communeValues(6005) }]);
  for (const [k, period] of ["2022", "2023", "2024"].entries()) await post(hamTan, period, under("BTH-HTN").map((c, i) => ({ unit: c.code, values: communeValues(1000 * (k + 1) + i) })));
  // The half-years either side of 1 July 2025: 2025-H2 in Lâm Đồng's communes compares with
  // 2025-H1 and 2024-H2 in Hàm Tân's (the rollup sheet's "Tính lại từ các đơn vị cũ").
  const halfOld = (period: string) => unitsValidIn(REGISTRY, period).filter((u) => u.parent === "BTH-HTN");
  for (const [k, period] of ["2024-H2", "2025-H1"].entries()) await post(hamTan, period, halfOld(period).map((c, i) => ({ unit: c.code, values: communeValues(4000 + 100 * k + i) })));
  const communes = under("LDG").filter((u) => u.level === "commune");
  for (const [i, c] of communes.entries()) {
    if (c.type === "dac_khu") continue;
    const cells = under(c.code);
    await post(c, "2026", cells.length ? cells.map((x, k) => ({ unit: x.code, values: cellValues(50 * i + k) })) : [{ unit: c.code, values: communeValues(3000 + i) }]);
    // Xã mẫu 01 corrects one party cell's figures.
    if (cells.length) await correct(c, "2026", 2, [{ unit: cells[1]!.code, values: cellValues(50 * i + 17) }]);
    await post(c, "2025-H2", cells.length ? cells.map((x, k) => ({ unit: x.code, values: cellValues(50 * i + k + 5) })) : [{ unit: c.code, values: communeValues(3500 + i) }]);
  }
}

/** A party cell's own figures: members, their grades, admissions; internally consistent. */
function cellValues(seed: number): Record<string, number> {
  const members = 12 + (seed * 7) % 30;
  const htxsnv = Math.floor(members / 8);
  return { "members.total": members, "members.grade.htxsnv": htxsnv, "members.grade.httnv": Math.floor((members - htxsnv) / 2), "members.admitted": seed % 3, "party.cells": 1 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { url: { type: "string", default: "http://127.0.0.1:7071" }, "key-dir": { type: "string", default: ".dev-keys" } } });
  await seedReference();
  console.log("reference data and assignments written");
  await seedSubmissions(values.url!, values["key-dir"]!);
  const { seedProvincialDemo } = await import("./seed-provincial.ts");
  await seedProvincialDemo(values.url!, values["key-dir"]!);
}
