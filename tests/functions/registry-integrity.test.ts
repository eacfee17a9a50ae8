import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGISTRY } from "../../seeds/orgunits.ts";
import { ROUTES } from "../../shared/contract/index.ts";
import { addDays } from "../../shared/calendar/period.ts";
import type { OrgUnit } from "../../shared/index.ts";
import { idem, REGISTRY_ALL, startStack, submission, TST, type Stack } from "./stack.ts";

/**
 * Issue 17: a registry edit never takes a period down, and a province reaches into another only
 * along the national registry's links. Every kind of edit (end, remove, re-parent, split) is
 * refused while it would strand stored values, and, when the province insists, every route of
 * the contract still answers without a 5xx, the values counted and flagged.
 */
let s: Stack;
beforeAll(async () => {
  s = await startStack();
  for (const d of ["TST-D01", "TST-D02", "TST-D03", "TST-D04", "TST-D05", "TST-D20"]) {
    const r = await s.call("POST", "/api/submissions", { user: `clerk-${d}`, body: submission(d, {}, Number(d.slice(-2))), headers: idem(d) });
    expect(r.status).toBe(200);
  }
  const bth = await s.call("POST", "/api/submissions", { user: "clerk-BTH-HTN", body: submission("BTH-HTN"), headers: idem("bth") });
  expect(bth.status).toBe(200);
}, 120_000);
afterAll(async () => { await s?.close(); });

const STAFF = "province-TST";
const importRegistry = (units: unknown[], extra: Record<string, unknown> = {}) => s.call("POST", "/api/orgunits/TST/import", { user: STAFF, body: { units, ...extra } });

const ended = (u: OrgUnit, to: string): OrgUnit => ({ ...u, validTo: to });
const EDITS: Record<string, { units: OrgUnit[]; stranded: { unit: string; reportingUnit: string; reason: "gone" | "moved" }[] }> = {
  end: {
    units: TST.map((u) => (u.code === "TST-D01" || u.parent === "TST-D01" ? ended(u, "2014-12-31") : u)),
    stranded: [{ unit: "TST-D01", reportingUnit: "TST-D01", reason: "gone" }],
  },
  remove: {
    units: TST.filter((u) => u.code !== "TST-D02-M02"),
    stranded: [{ unit: "TST-D02-M02", reportingUnit: "TST-D02", reason: "gone" }],
  },
  "re-parent": {
    units: TST.map((u) => (u.code === "TST-D03-M01" ? { ...u, parent: "TST-D04" } : u)),
    stranded: [{ unit: "TST-D03-M01", reportingUnit: "TST-D03", reason: "moved" }],
  },
  split: {
    units: [
      ...TST.map((u) => (u.code === "TST-D05" || u.parent === "TST-D05" ? ended(u, "2014-12-31") : u)),
      { code: "TST-D31", name: "Huyện mẫu TST 31", level: "district", type: "huyen", parent: "TST", validFrom: "2015-01-01", predecessors: ["TST-D05"], sample: true, aliases: [] },
      { code: "TST-D32", name: "Huyện mẫu TST 32", level: "district", type: "huyen", parent: "TST", validFrom: "2015-01-01", predecessors: ["TST-D05"], sample: true, aliases: [] },
    ],
    stranded: [{ unit: "TST-D05", reportingUnit: "TST-D05", reason: "gone" }],
  },
};

/** Each walk's submission is a first one, of a unit that has none yet, so it must commit (200). */
let fresh = 0;
const userFor = (roles: readonly string[]) => (roles[0] === "clerk" ? "clerk-TST-D20" : roles[0] === "job" ? "job-consolidation" : STAFF);
const bodyFor: Record<string, () => unknown> = {
  submit: () => submission(`TST-D2${++fresh}`, {}, 7),
  export: () => ({ format: "dhis2-csv", mapping: { dataElements: {}, orgUnits: {} } }),
  complete: () => ({ unit: "TST-D20", version: 1 }),
  approve: () => ({ units: [{ unit: "TST-D20", version: 1 }], comment: "Kiểm tra" }),
  return: () => ({ units: [{ unit: "TST-D20", version: 1 }], comment: "Kiểm tra" }),
  reopen: () => ({ units: [{ unit: "TST-D20", version: 1 }], comment: "Kiểm tra" }),
  consolidate: () => ({ province: "TST", period: "2015", scorecards: true }),
  saveMapping: () => ({ mapping: {}, headers: [], kind: "party" }),
  saveCalendar: () => ({ calendar: {} }),
};

/** Every route of the contract once, on TST 2015 (the registry import aside: the test drives it). */
async function walkEveryRoute(): Promise<{ name: string; status: number; body: unknown }[]> {
  const out: { name: string; status: number; body: unknown }[] = [];
  for (const [name, spec] of Object.entries(ROUTES)) {
    if (name === "registryImport") continue;
    const path = "/api/" + spec.route.replace("{province}", "TST").replace("{period}", "2015").replace("{units}", "2015").replace("{unit}", "TST-D03").replace("{fingerprint}", "f0123456789abcdef");
    const body = spec.method === "GET" ? undefined : (bodyFor[name]?.() ?? {});
    const user = name === "submit" ? `clerk-TST-D2${fresh}` : userFor(spec.roles);
    const r = await s.call(spec.method, path, { user, ...(body !== undefined ? { body } : {}), headers: name === "submit" ? idem("walk") : {} });
    if (name === "submit") expect(r.status, JSON.stringify(r.json).slice(0, 300)).toBe(200);
    out.push({ name, status: r.status, body: r.json });
  }
  // And the ended units' own routes: answered, not failed.
  for (const unit of ["TST-D01", "TST-D02-M02", "TST-D03-M01", "TST-D05"]) {
    for (const p of [`/api/details/TST/2015/${unit}`, `/api/submissions/TST/2015/${unit}`]) {
      const r = await s.call("GET", p, { user: STAFF });
      out.push({ name: p, status: r.status, body: r.json });
    }
  }
  return out;
}

describe("a registry edit checked against the data it governs", () => {
  for (const [kind, edit] of Object.entries(EDITS)) {
    it(`${kind}: refused with 409 naming each unit and period; with keepStranded every route answers, the values counted and flagged`, async () => {
      const before = await s.call("GET", "/api/rollups/TST/2015", { user: STAFF });
      expect(before.status).toBe(200);
      const audit = (await s.call("GET", "/api/orgunits/TST/audit", { user: STAFF })).json.entries.length;

      const refused = await importRegistry(edit.units);
      expect(refused.status).toBe(409);
      expect(refused.json.error).toBe("stranded_data");
      expect(refused.json.stranded).toEqual(edit.stranded.map((x) => ({ ...x, period: "2015" })));
      for (const x of edit.stranded) { expect(refused.json.message.vi).toContain(x.unit); expect(refused.json.message.en).toContain(`${x.unit} (2015)`); }
      expect(refused.json.correlationId).toEqual(expect.any(String));
      // Nothing stored: the audit and the rollup are as they were.
      expect((await s.call("GET", "/api/orgunits/TST/audit", { user: STAFF })).json.entries.length).toBe(audit);
      expect((await s.call("GET", "/api/rollups/TST/2015", { user: STAFF })).json.totals).toEqual(before.json.totals);

      const kept = await importRegistry(edit.units, { keepStranded: true });
      expect(kept.status).toBe(200);
      expect(kept.json.stranded).toEqual(edit.stranded.map((x) => ({ ...x, period: "2015" })));

      const answers = await walkEveryRoute();
      expect(answers.filter((a) => a.status >= 500)).toEqual([]);
      const rollup = await s.call("GET", "/api/rollups/TST/2015", { user: STAFF });
      expect(rollup.status).toBe(200);
      expect(rollup.json.unplaced.map((u: { unit: string }) => u.unit)).toEqual(edit.stranded.map((x) => x.unit));
      // Counted: the total is what it was, plus the walk's new submission.
      const added = rollup.json.districts.find((d: { unit: string }) => d.unit === `TST-D2${fresh}`).values as Record<string, number>;
      for (const [k, v] of Object.entries(before.json.totals as Record<string, number>)) {
        if (k.endsWith("_rate") || !Number.isInteger(v)) continue;
        expect(rollup.json.totals[k], k).toBe(v + (added[k] ?? 0));
      }
      // A clerk of an ended unit is told when it existed; another clerk still submits.
      if (kind === "end") {
        const r = await s.call("POST", "/api/submissions", { user: "clerk-TST-D01", body: submission("TST-D01"), headers: idem("ended") });
        expect(r.status).toBe(422);
      }
      // The old registry goes back without a refusal (it strands nothing).
      expect((await importRegistry(TST)).status).toBe(200);
      expect((await s.call("GET", "/api/rollups/TST/2015", { user: STAFF })).json.unplaced).toBeUndefined();
    }, 120_000);
  }
});

describe("provinces stay apart", () => {
  const national = REGISTRY.find((u) => u.code === "BTH-HTN")!;
  const lineage = REGISTRY.filter((u) => u.code === "BTH" || u.code === "BTH-HTN");
  const withCommunes = REGISTRY.filter((u) => u.code === "BTH" || u.code === "BTH-HTN" || u.parent === "BTH-HTN");
  const formed: OrgUnit = { code: "TST-D39", name: "Huyện mẫu TST 39", level: "district", type: "huyen", parent: "TST", validFrom: addDays(national.validTo!, 1), predecessors: ["BTH-HTN"], sample: true, aliases: [] };

  it("refuses an import naming another province's unit as a predecessor where the national registry has no such link", async () => {
    const r = await importRegistry([...TST, formed, ...lineage]);
    expect(r.status).toBe(422);
    expect(r.json.error).toBe("invalid_registry");
    expect(r.json.problems.map((p: { code: string; field: string }) => [p.code, p.field])).toContainEqual(["TST-D39", "predecessors"]);
  });

  it("refuses another province's units unless exactly as the national registry has them, and codes the national registry gives to another province", async () => {
    const altered = lineage.map((u) => (u.code === "BTH-HTN" ? { ...u, name: "Tên khác" } : u));
    const withLink = { ...formed, predecessors: [] };
    const r = await importRegistry([...TST, withLink, ...altered]);
    expect(r.status).toBe(422);
    const stolen = await importRegistry([...TST, { ...REGISTRY.find((u) => u.code === "LDG-M01")!, parent: "TST-D30", level: "commune", validFrom: undefined, predecessors: [] }]);
    expect(stolen.status).toBe(422);
    expect(stolen.json.problems.map((p: { code: string }) => p.code)).toContain("LDG-M01");
  });

  it("reads another province's figures only along national links, even from a registry stored before the rule", async () => {
    const { writeReference } = await import("../../functions/store/reference.ts");
    const later = addDays(national.validTo!, 1).slice(0, 4);
    await writeReference(s.table, "TST", [...TST, { ...formed, validFrom: `${later}-01-01` }, ...withCommunes.map((u) => ({ ...u, validTo: `${Number(later) - 1}-12-31` }))], []);
    try {
      const r = await s.call("GET", `/api/rollups/TST/2015/in/${later}`, { user: "clerk-TST-D01" });
      expect(r.status).toBe(200);
      const unit = r.json.units.find((u: { unit: string }) => u.unit === "TST-D39");
      expect(unit?.values ?? {}).toEqual({});
      expect(JSON.stringify(r.json)).not.toContain("BTH-HTN");
      // The same clerk reading Bình Thuận directly is refused.
      expect((await s.call("GET", "/api/rollups/BTH/2015", { user: "clerk-TST-D01" })).status).toBe(403);
    } finally {
      await writeReference(s.table, "TST", TST, []);
    }
  });

  it("lists exactly the province's own assignments, not those of the provinces its units were formed from", async () => {
    const r = await s.call("GET", "/api/assignments/LDG", { user: "province-LDG" });
    expect(r.status).toBe(200);
    const units = r.json.assignments.map((a: { unit: string }) => a.unit);
    expect(units.length).toBeGreaterThan(1);
    expect(units.filter((u: string) => !u.startsWith("LDG"))).toEqual([]);
    const own = REGISTRY_ALL.filter((u) => u.parent === "LDG").map((u) => u.code);
    for (const u of own) expect(units).toContain(u);
  });
});

describe("a lock over more than 99 reporting units", () => {
  it("is two-phase: a pending mark that the period listing shows until a second lock completes it, every unit row flagged", async () => {
    const { writeAssignments, writeReference } = await import("../../functions/store/reference.ts");
    const { syntheticProvince } = await import("../../scripts/demo.ts");
    const big = syntheticProvince("BIG", 120, 0);
    await writeReference(s.table, "BIG", big, []);
    await writeAssignments(s.table, [{ user: "province-BIG", role: "province", unit: "BIG", name: "Cán bộ Tỉnh mẫu BIG" }]);
    const periods = async () => (await s.call("GET", "/api/periods/BIG", { user: "province-BIG" })).json.periods as { period: string; locked: boolean; lockPending?: string }[];
    // A run cut short after its first phase: the mark is there, the rows are not all flagged.
    await s.table.upsertEntity({ partitionKey: "P|BIG|2015", rowKey: "META", province: "BIG", period: "2015", lockPending: "lock" }, "Merge");
    expect((await periods()).find((p) => p.period === "2015")).toMatchObject({ locked: false, lockPending: "lock" });
    const r = await s.call("POST", "/api/periods/BIG/2015/lock", { user: "province-BIG" });
    expect(r.status).toBe(200);
    const after = (await periods()).find((p) => p.period === "2015")!;
    expect(after.locked).toBe(true);
    expect(after.lockPending).toBeUndefined();
    let flagged = 0;
    for await (const e of s.table.listEntities<{ locked?: boolean }>({ queryOptions: { filter: "PartitionKey eq 'P|BIG|2015' and RowKey ge 'D|' and RowKey lt 'D}'" } })) if (e.locked === true) flagged++;
    expect(flagged).toBe(120);
  });
});
