/**
 * Builds the national registry the product ships (data/registry/vn-units.json) from the public
 * dvhcvn/20250701 dataset: the 34 provinces and 3,321 communes from 1 July 2025 with their
 * official codes, and the 63 provinces, districts and 10,047 communes before, linked old → new.
 *   npm run registry:national [-- --source ../shared/data/dvhcvn-20250701] [--out data/registry]
 * Run it again when the dataset is updated (units change again); see data/registry/README.md.
 */
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { NationalRegistryFile, type NationalRow } from "../shared/registry/national.ts";

const CUTOVER = "2025-07-01";
const COMMIT = "dd94887ce32324380bc5bb0a76fe39867dafc73b";

const Link = z.object({ old_id: z.string(), name: z.string(), type: z.enum(["full", "partial"]) });
const Merges = z.object({
  data: z.array(z.object({
    level1_id: z.string(), name: z.string(), merges: z.array(Link),
    level2s: z.array(z.object({ level2_id: z.string(), name: z.string(), merges: z.array(Link) })),
  })),
});
const Splits = z.object({
  data: z.array(z.object({
    level1_id: z.string(), name: z.string(), level3s: z.array(z.object({ level3_id: z.string(), name: z.string() })),
    // Island districts with no commune (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo): each became a đặc khu.
    level2s: z.array(z.object({ level2_id: z.string(), name: z.string() })).optional(),
  })),
});

type Type = NationalRow[2];
/** The type word a name starts with, longest first ("Thị trấn" before "Thị xã" is moot; "Thành phố" before nothing). */
const WORDS: Array<[RegExp, (ctx: { provinceIsCity: boolean; level: "province" | "district" | "commune" }) => Type]> = [
  [/^thành phố\s+/i, ({ level, provinceIsCity }) => (level === "province" ? "thanh_pho_tw" : provinceIsCity ? "thanh_pho_thuoc_tp" : "thanh_pho")],
  [/^tỉnh\s+/i, () => "tinh"],
  [/^quận\s+/i, () => "quan"],
  [/^huyện\s+/i, () => "huyen"],
  [/^thị xã\s+/i, () => "thi_xa"],
  [/^thị trấn\s+/i, () => "thi_tran"],
  [/^đặc khu\s+/i, () => "dac_khu"],
  [/^phường\s+/i, () => "phuong"],
  [/^xã\s+/i, () => "xa"],
];

/** "Phường Văn Miếu -<br>Quốc Tử Giám" → ["Văn Miếu - Quốc Tử Giám", "phuong"]. */
function split(full: string, level: "province" | "district" | "commune", provinceIsCity = false): [string, Type] {
  const clean = full.replace(/<br\s*\/?>/gi, " ").replace(/\s+/g, " ").trim().normalize("NFC");
  for (const [re, type] of WORDS) if (re.test(clean)) return [clean.replace(re, ""), type({ level, provinceIsCity })];
  throw new Error(`No type word in "${full}"`);
}

/** old-units.csv: province_id,district_id,commune_id,"Commune, District, Province" (names hold no commas). */
function oldRows(csv: string): Array<{ province: string; district: string; commune: string; communeName: string; districtName: string }> {
  const lines = csv.split(/\r?\n/).filter(Boolean).slice(1);
  return lines.map((line) => {
    const m = /^(\d{2}),(\d{3}),(\d{5}),"([^"]+)"$/.exec(line);
    if (!m) throw new Error(`old-units.csv: cannot read "${line}"`);
    const parts = m[4]!.split(",").map((s) => s.trim());
    if (parts.length !== 3) throw new Error(`old-units.csv: address "${m[4]}" is not commune, district, province`);
    return { province: m[1]!, district: m[2]!, commune: m[3]!, communeName: parts[0]!, districtName: parts[1]! };
  });
}

/** The 1027/CTK-CSCL table's codes, to check the links' new codes against the official letter. */
function officialCommuneCodes(md: string): Set<string> {
  const out = new Set<string>();
  for (const m of md.matchAll(/^\|\s*\d+\s*\|\s*(\d{5})\s*\|/gm)) out.add(m[1]!);
  return out;
}

export async function buildNationalRegistry(source: string): Promise<NationalRegistryFile> {
  const [merges, splits, csv, md, provincesCsv] = await Promise.all([
    readFile(join(source, "mapping/merges.json"), "utf8").then((t) => Merges.parse(JSON.parse(t))),
    readFile(join(source, "mapping/splits.json"), "utf8").then((t) => Splits.parse(JSON.parse(t))),
    readFile(join(source, "old-units.csv"), "utf8"),
    readFile(join(source, "input/1027_CTK-CSCL.md"), "utf8"),
    readFile(join(source, "input/915_CTK-CSCL.csv"), "utf8"),
  ]);
  const rows: NationalRow[] = [];
  // A province is kept (one unit throughout) when it was formed from itself alone, in full.
  const kept = new Set(merges.data.filter((p) => p.merges.length === 1 && p.merges[0]!.old_id === p.level1_id && p.merges[0]!.type === "full" && p.merges[0]!.name === p.name).map((p) => p.level1_id));
  const oldCity = new Map<string, boolean>();
  for (const p of splits.data) {
    const [name, type] = split(p.name, "province");
    oldCity.set(p.level1_id, type === "thanh_pho_tw");
    if (!kept.has(p.level1_id)) rows.push([p.level1_id, name, type, "", "old"]);
  }
  const old = oldRows(csv);
  const districts = new Map<string, NationalRow>();
  for (const r of old) {
    if (!districts.has(r.district)) {
      const [name, type] = split(r.districtName, "district", oldCity.get(r.province) ?? false);
      districts.set(r.district, [r.district, name, type, r.province, "old"]);
    }
  }
  for (const p of splits.data) {
    for (const d of p.level2s ?? []) {
      if (districts.has(d.level2_id)) continue;
      const [name, type] = split(d.name, "district", oldCity.get(p.level1_id) ?? false);
      districts.set(d.level2_id, [d.level2_id, name, type, p.level1_id, "old"]);
    }
  }
  rows.push(...districts.values());
  // What a new commune may be formed from: old communes, and the island districts above.
  const oldCommunes = new Set<string>(districts.keys());
  for (const r of old) {
    const [name, type] = split(r.communeName, "commune");
    rows.push([r.commune, name, type, r.district, "old"]);
    oldCommunes.add(r.commune);
  }
  const official = officialCommuneCodes(md);
  const provinceCodes = new Set([...provincesCsv.matchAll(/^\d+,(\d{2}),/gm)].map((m) => m[1]!));
  for (const p of merges.data) {
    if (!provinceCodes.has(p.level1_id)) throw new Error(`Province ${p.level1_id} is not in 915/CTK-CSCL`);
    const [name, type] = split(p.name, "province");
    rows.push(kept.has(p.level1_id) ? [p.level1_id, name, type, "", "kept"] : [p.level1_id, name, type, "", "new", ...p.merges.map((l) => l.old_id)]);
    for (const c of p.level2s) {
      if (!official.has(c.level2_id)) throw new Error(`Commune ${c.level2_id} ${c.name} is not in 1027/CTK-CSCL`);
      const [cname, ctype] = split(c.name, "commune");
      const links = c.merges.map((l) => {
        if (!oldCommunes.has(l.old_id)) throw new Error(`${c.level2_id} ${c.name}: predecessor ${l.old_id} is not an old commune or district`);
        return l.type === "partial" ? `~${l.old_id}` : l.old_id;
      });
      rows.push([c.level2_id, cname, ctype, p.level1_id, "new", ...new Set(links)]);
    }
  }
  return NationalRegistryFile.parse({
    format: 1,
    source: { name: "dvhcvn/20250701", commit: COMMIT, licence: "MIT", url: "https://github.com/dvhcvn/20250701" },
    cutover: CUTOVER,
    rows,
  });
}

/** One row a line: the file diffs by unit when the dataset changes. */
export function serialise(file: NationalRegistryFile): string {
  const { rows, ...head } = file;
  return `${JSON.stringify(head).slice(0, -1)},"rows":[\n${rows.map((r) => JSON.stringify(r)).join(",\n")}\n]}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { source: { type: "string", default: "../shared/data/dvhcvn-20250701" }, out: { type: "string", default: "data/registry" } } });
  const source = resolve(values.source!);
  const started = performance.now();
  const file = await buildNationalRegistry(source);
  await mkdir(values.out!, { recursive: true });
  await writeFile(join(values.out!, "vn-units.json"), serialise(file));
  await copyFile(join(source, "LICENSE"), join(values.out!, "LICENSE-dvhcvn"));
  const count = (era: string, digits: number) => file.rows.filter((r) => r[4] === era && r[0].length === digits).length;
  console.log(`${file.rows.length} rows → ${join(values.out!, "vn-units.json")} in ${Math.round(performance.now() - started)} ms: ` +
    `new ${count("new", 2) + count("kept", 2)} provinces (${count("kept", 2)} unchanged), ${count("new", 5)} communes; ` +
    `old ${count("old", 2) + count("kept", 2)} provinces, ${count("old", 3)} districts, ${count("old", 5)} communes`);
}
