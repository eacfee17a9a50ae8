/**
 * Demo data for provincial staff: a sample two-tier province (Tỉnh mẫu MAU, 120 sample communes
 * directly under it since 1 July 2025) with six quarters of reports through the API, so that
 * trends, an outlier, late and missing reports, approvals and the scorecard all show on
 * `npm start`. Every name is a plainly marked sample ("Xã mẫu 001").
 */
import { randomUUID } from "node:crypto";
import type { OrgUnit } from "../shared/index.ts";
import { getCatalog } from "../shared/index.ts";
import type { SubmissionRequest } from "../shared/contract/index.ts";
import { signDevToken } from "../functions/lib/token.ts";
import { table } from "../functions/store/client.ts";
import { readUnit } from "../functions/store/units.ts";
import { writeAssignments, writeReference } from "../functions/store/reference.ts";
import { communeValues } from "./demo.ts";

export const SAMPLE_PROVINCE = "MAU";
const COMMUNES = 120;
/** Past quarters (received late now) and the current one (on time, not everyone yet). */
const QUARTERS = ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"];

export function sampleTwoTierProvince(code = SAMPLE_PROVINCE, communes = COMMUNES): OrgUnit[] {
  const from = "2025-07-01";
  return [
    { code, name: `Tỉnh mẫu ${code}`, level: "province", type: "tinh", parent: null, sample: true, aliases: [], validFrom: from },
    ...Array.from({ length: communes }, (_, i): OrgUnit => {
      const n = String(i + 1).padStart(3, "0");
      const kind = i % 10 === 9 ? "phuong" : "xa";
      return { code: `${code}-X${n}`, name: `${kind === "phuong" ? "Phường" : "Xã"} mẫu ${n}`, level: "commune", type: kind, parent: code, sample: true, aliases: [], validFrom: from };
    }),
  ];
}

export async function seedProvincialDemo(baseUrl: string, keyDir: string, log: (s: string) => void = console.log, opts: { communes?: number } = {}): Promise<void> {
  const t = table();
  const units = sampleTwoTierProvince(SAMPLE_PROVINCE, opts.communes ?? COMMUNES);
  const communes = units.filter((u) => u.level === "commune");
  await writeReference(t, SAMPLE_PROVINCE, units, []);
  await writeAssignments(t, [
    { user: `province-${SAMPLE_PROVINCE}`, role: "province", unit: SAMPLE_PROVINCE, name: "Cán bộ tỉnh mẫu" },
    ...communes.map((c) => ({ user: `clerk-${c.code}`, role: "clerk" as const, unit: c.code, name: `Cán bộ ${c.name}` })),
  ]);
  const catalog = getCatalog();
  const tokens = new Map<string, string>();
  const token = async (user: string) => { if (!tokens.has(user)) tokens.set(user, await signDevToken({ user, keyDir })); return tokens.get(user)!; };
  const post = async (user: string, path: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${baseUrl}/api/${path}`, { method: "POST", headers: { authorization: `Bearer ${await token(user)}`, "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json().catch(() => null)) as { version?: number } | null };
  };
  let sent = 0;
  for (const [q, period] of QUARTERS.entries()) {
    const current = q === QUARTERS.length - 1;
    for (const [i, c] of communes.entries()) {
      // The current quarter: a sixth of the communes have not reported yet.
      if (current && i % 6 === 5) continue;
      if (await readUnit(t, SAMPLE_PROVINCE, period, c.code)) continue;
      const values = communeValues(1000 + i);
      // Members grow a little each quarter; one commune's figure jumps in the current quarter (an outlier to review).
      values["members.total"] = Number(values["members.total"]) + q * 3 + (current && i === 7 ? 900 : 0);
      for (const k of Object.keys(values)) if (k.startsWith("members.") && k.endsWith("_rate")) delete values[k];
      const body: SubmissionRequest = {
        province: SAMPLE_PROVINCE, unit: c.code, period, catalogVersion: catalog.version, baseVersion: null, mode: "replace",
        units: [{ unit: c.code, values }], source: { workbook: `${c.name} ${period}.xlsx`, sheet: "Báo cáo", fingerprint: `demo-${c.code}-${period}` },
      };
      const r = await post(`clerk-${c.code}`, "submissions", body, { "idempotency-key": `seed-${c.code}-${period}-${randomUUID()}` });
      if (r.status === 200) sent++;
      else log(`  ${c.code} ${period}: ${r.status}`);
    }
  }
  // The current quarter's approval workflow under way: half marked complete, a third approved, one returned.
  const period = QUARTERS.at(-1)!;
  const done = communes.filter((_, i) => i % 6 !== 5 && i % 2 === 0);
  for (const c of done) await post(`clerk-${c.code}`, `approvals/${SAMPLE_PROVINCE}/${period}/complete`, { unit: c.code, version: 1 });
  const approve = done.filter((_, i) => i % 3 !== 2).map((c) => ({ unit: c.code, version: 1 }));
  await post(`province-${SAMPLE_PROVINCE}`, `approvals/${SAMPLE_PROVINCE}/${period}/approve`, { units: approve });
  await post(`province-${SAMPLE_PROVINCE}`, `approvals/${SAMPLE_PROVINCE}/${period}/return`, { units: [{ unit: done.at(-1)!.code, version: 1 }], comment: "Đề nghị rà soát lại số đảng viên và số chi bộ" });
  // Corrections, as clerks send them: two communes not yet marked complete send figures again
  // (versions 2 and 3, and 2), so the detail sheet's history shows who changed what. Sent once,
  // however often the seed runs.
  const fixes: [OrgUnit, number, number][] = [[communes[1]!, 2, 11], [communes[1]!, 3, 12], [communes[3]!, 2, 13]];
  let corrected = 0;
  for (const [c, toVersion, seed] of fixes) {
    const stored = await readUnit(t, SAMPLE_PROVINCE, period, c.code);
    if (!stored || stored.version >= toVersion) continue;
    const values = communeValues(2000 + seed);
    for (const k of Object.keys(values)) if (k.startsWith("members.") && k.endsWith("_rate")) delete values[k];
    const body: SubmissionRequest = {
      province: SAMPLE_PROVINCE, unit: c.code, period, catalogVersion: catalog.version, baseVersion: stored.version, mode: "merge",
      units: [{ unit: c.code, values }], source: { workbook: `${c.name} ${period} (sửa lần ${toVersion - 1}).xlsx`, sheet: "Báo cáo", fingerprint: `demo-${c.code}-${period}` },
    };
    const r = await post(`clerk-${c.code}`, "submissions", body, { "idempotency-key": `seed-fix-${c.code}-${period}-${toVersion}-${randomUUID()}` });
    if (r.status === 200) corrected++;
    else log(`  ${c.code} ${period} correction: ${r.status}`);
  }
  log(`  ${SAMPLE_PROVINCE}: ${sent} reports over ${QUARTERS.length} quarters; ${approve.length} approved in ${period}; ${corrected} corrections`);
}
