import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SubmissionRequest } from "../../shared/contract/index.ts";
import { idem, startStack, submission, type Stack } from "./stack.ts";

let s: Stack;
let stored = 0;
beforeAll(async () => { s = await startStack(); stored = await s.dataEntities(); }, 60_000);
afterAll(async () => { await s?.close(); });

const user = "clerk-TST-D01";
const valid = () => submission("TST-D01");
/** The same body as an older client sends it: the reporting unit under its old name `district`. */
const legacy = () => { const { unit, ...rest } = valid(); return { ...rest, district: unit }; };
const withUnit0 = (values: Record<string, unknown>) => { const b = valid() as Record<string, unknown> & ReturnType<typeof valid>; return { ...b, units: [{ unit: b.units[0]!.unit, values }] }; };
const json = (v: unknown) => JSON.stringify(v);

/** label → raw body, optional headers; every one must be refused with a 4xx and the envelope. */
const CASES: [string, string | Uint8Array, Record<string, string>?][] = [
  ["empty body", ""],
  ["null", "null"],
  ["array", "[]"],
  ["string", '"submission"'],
  ["number", "42"],
  ["truncated", '{"province":"TST"'],
  ["single quotes", "{'province':'TST'}"],
  ["trailing comma", json(valid()).replace(/}$/, ",}")],
  ["NaN literal", json(valid()).replace('"baseVersion":null', '"baseVersion":NaN')],
  ["Infinity literal", json(valid()).replace('"baseVersion":null', '"baseVersion":Infinity')],
  ["1e400 overflow", json(withUnit0({ "members.total": 1 })).replace('"members.total":1', '"members.total":1e400')],
  ["-1e400 overflow", json(withUnit0({ "members.total": 1 })).replace('"members.total":1', '"members.total":-1e400')],
  ["huge number 1e300", json(withUnit0({ "members.total": 1e300 }))],
  ["over the value limit", json(withUnit0({ "members.total": 1e13 }))],
  ["negative baseVersion", json({ ...valid(), baseVersion: -1 })],
  ["fractional baseVersion", json({ ...valid(), baseVersion: 1.5 })],
  ["string baseVersion", json({ ...valid(), baseVersion: "1" })],
  ["huge baseVersion", json({ ...valid(), baseVersion: 1e10 })],
  ["unknown mode", json({ ...valid(), mode: "overwrite" })],
  ["lower-case province", json({ ...valid(), province: "tst" })],
  ["district with /", json({ ...legacy(), district: "TST/D01" })],
  ["district with #", json({ ...legacy(), district: "TST#D01" })],
  ["district with ?", json({ ...legacy(), district: "TST?D01" })],
  ["district with backslash", json({ ...legacy(), district: "TST\\D01" })],
  ["district with control char", json({ ...legacy(), district: "TST\u0001D01" })],
  ["district with newline", json({ ...legacy(), district: "TST-D01\n" })],
  ["unit with /", json({ ...valid(), unit: "TST/D01" })],
  ["OData injection in unit", json({ ...valid(), unit: "X' or PartitionKey ne '" })],
  ["unit and district that disagree", json({ ...valid(), district: "TST-D02" })],
  ["neither unit nor district", json(((b) => { const { unit: _u, ...rest } = b; return rest; })(valid()))],
  ["OData injection in district", json({ ...legacy(), district: "X' or PartitionKey ne '" })],
  ["OData injection in unit", json({ ...valid(), units: [{ unit: "A' or RowKey ne '", values: { "members.total": 1 } }] })],
  ["OData injection in indicator", json(withUnit0({ "x' or '1' eq '1": 1 }))],
  ["period month 13", json({ ...valid(), period: "2015-13" })],
  ["period two digits", json({ ...valid(), period: "15" })],
  ["period Q5", json({ ...valid(), period: "2015-Q5" })],
  ["period with slash", json({ ...valid(), period: "2015/06" })],
  ["period full-width digits", json({ ...valid(), period: "２０１５" })],
  ["period month 00", json({ ...valid(), period: "2015-00" })],
  ["catalog version word", json({ ...valid(), catalogVersion: "latest" })],
  ["no units", json({ ...valid(), units: [] })],
  ["units not an array", json({ ...valid(), units: "all" })],
  ["duplicate units", json({ ...valid(), units: [valid().units[0], valid().units[0]] })],
  ["__proto__ indicator", json(withUnit0({ "members.total": 1 })).replace('"members.total"', '"__proto__"')],
  ["constructor indicator", json(withUnit0({ constructor: 1 }))],
  ["__proto__ at top level", json(valid()).replace(/^{/, '{"__proto__":{"admin":true},')],
  ["extra top-level field", json({ ...valid(), admin: true })],
  ["extra unit field", json({ ...valid(), units: [{ ...valid().units[0], owner: "x" }] })],
  ["values as array", json({ ...valid(), units: [{ unit: valid().units[0]!.unit, values: [1, 2] }] })],
  ["object value", json(withUnit0({ "members.total": { n: 1 } }))],
  ["boolean value", json(withUnit0({ "members.total": true }))],
  ["control char in text value", json(withUnit0({ "grades.base_org": "T\u0007ốt" }))],
  ["10k-char text value", json(withUnit0({ "grades.base_org": "x".repeat(10_000) }))],
  ["upper-case indicator code", json(withUnit0({ "Members.Total": 1 }))],
  ["too many values in a unit", json(withUnit0(Object.fromEntries(Array.from({ length: 700 }, (_, i) => [`a.b${i}`, 1]))))],
  ["unknown indicator code", json(withUnit0({ "members.unknown_thing": 1 }))],
  ["unknown unit code", json({ ...valid(), units: [{ unit: "TST-D99-M01", values: { "members.total": 1 } }] })],
  ["commune of another unit", json({ ...valid(), units: [{ unit: "TST-D02-M01", values: { "members.total": 1 } }] })],
  ["negative count", json(withUnit0({ "members.total": -5 }))],
  ["fractional count", json(withUnit0({ "members.total": 2.5 }))],
  ["rate above 100", json(withUnit0({ "org.schools": 4, "org.schools.with_cell": 2, "org.schools.with_cell_rate": 150 }))],
  ["part above whole", json(withUnit0({ "members.total": 10, "members.violations": 11 }))],
  ["unreadable text number", json(withUnit0({ "members.total": "mười hai" }))],
  ["formula error text", json(withUnit0({ "members.total": "#DIV/0!" }))],
  ["missing source", json({ ...valid(), source: undefined })],
  ["long workbook name", json({ ...valid(), source: { workbook: "x".repeat(1000), sheet: "s", fingerprint: "f" } })],
  ["catalog major mismatch", json({ ...valid(), catalogVersion: "2.0.0" })],
  ["unit of another province", json({ ...valid(), province: "BTH" })],
  ["unknown province", json({ ...legacy(), province: "ZZZ", district: "ZZZ-D01" })],
  ["100k units", json({ ...valid(), units: Array.from({ length: 100_000 }, (_, i) => ({ unit: `TST-D01-M${i}`, values: {} })) })],
  ["5 MB body", json({ ...valid(), source: { workbook: "x", sheet: "s", fingerprint: "y".repeat(5 * 1024 * 1024) } })],
  ["deeply nested", "[".repeat(100_000) + "]".repeat(100_000)],
  ["invalid UTF-8", new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d])],
  ["text/plain", json(valid()), { "content-type": "text/plain" }],
  ["form encoded", "province=TST", { "content-type": "application/x-www-form-urlencoded" }],
  ["short idempotency key", json(valid()), { "idempotency-key": "abc" }],
  ["idempotency key with spaces", json(valid()), { "idempotency-key": "key with spaces inside" }],
  ["huge bearer token", json(valid()), { authorization: `Bearer ${"a".repeat(8000)}.b.c` }],
  ["basic auth", json(valid()), { authorization: "Basic dXNlcjpwYXNz" }],
];

function expectRefusal(label: string, r: { status: number; json: any }) {
  expect(r.status, label).toBeGreaterThanOrEqual(400);
  expect(r.status, label).toBeLessThan(500);
  expect(typeof r.json?.error, label).toBe("string");
  expect(r.json.message?.vi, label).toBeTruthy();
  expect(r.json.message?.en, label).toBeTruthy();
  expect(JSON.stringify(r.json), label).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
}

describe("hostile submissions", () => {
  it(`refuses ${CASES.length} hostile bodies with a 4xx and a clear message, storing nothing`, async () => {
    expect(CASES.length).toBeGreaterThanOrEqual(50);
    const tally: Record<number, number> = {};
    for (const [label, raw, headers] of CASES) {
      const r = await s.call("POST", "/api/submissions", { ...(headers?.authorization ? {} : { user }), raw, headers: { "content-type": "application/json", ...idem(), ...headers } });
      expectRefusal(label, r);
      tally[r.status] = (tally[r.status] ?? 0) + 1;
    }
    expect(Object.keys(tally).map(Number).sort()).toEqual(expect.arrayContaining([400, 401, 403, 404, 413, 415, 422]));
    expect(await s.dataEntities()).toBe(stored);
  });

  it("refuses hostile path parameters and consolidation bodies", async () => {
    const paths = ["/api/rollups/TST/2015%27%20or%20%271%27%20eq%20%271", "/api/rollups/T%00ST/2015", "/api/periods/%E2%80%AE", "/api/rollups/TST/%", "/api/orgunits/" + "A".repeat(50)];
    for (const p of paths) expectRefusal(p, await s.call("GET", p, { user: "province-TST" }));
    for (const body of [{}, { period: "2015", province: "bad code" }, { period: "2015", extra: 1 }, { period: 2015 }, "x"]) {
      expectRefusal(JSON.stringify(body), await s.call("POST", "/api/consolidations", { user: "job-consolidation", body }));
    }
    expect(await s.dataEntities()).toBe(stored);
  });

  it("fuzz: 1,000 random bodies always get a 4xx with a message, never a 500, and nothing is stored", async () => {
    const base = valid() as unknown as Record<string, unknown>;
    const keys = Object.keys(base);
    const mutated = fc.tuple(fc.constantFrom(...keys), fc.jsonValue()).map(([k, v]) => ({ ...base, [k]: v }));
    const unitMutated = fc.tuple(fc.string({ maxLength: 12 }), fc.jsonValue()).map(([k, v]) => ({ ...base, units: [{ unit: "TST-D01-M01", values: { [k]: v } }] }));
    const body = fc.oneof(fc.jsonValue(), fc.anything().map((v) => { try { return JSON.parse(JSON.stringify(v) ?? "null") as unknown; } catch { return null; } }), mutated, unitMutated)
      .filter((b) => !SubmissionRequest.safeParse(b).success);
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const r = await s.call("POST", "/api/submissions", { user, raw: JSON.stringify(b) ?? "", headers: { "content-type": "application/json", ...idem() } });
        expectRefusal(JSON.stringify(b).slice(0, 200), r);
      }),
      { numRuns: 1000, seed: 20151122 },
    );
    expect(await s.dataEntities()).toBe(stored);
  }, 180_000);
});
