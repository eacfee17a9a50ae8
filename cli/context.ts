import { readFile, stat } from "node:fs/promises";
import { z } from "zod";
import { SavedMapping, Target, checkRegistry, type OrgUnit } from "../shared/index.ts";
import { defaultRegistry } from "../seeds/national.ts";
import { HAM_TAN_TARGETS } from "../seeds/targets.ts";
import { CliError } from "./errors.ts";

async function readJson(path: string, what: { vi: string; en: string }): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    throw new CliError(`Không đọc được ${what.vi} "${path}".`, `Cannot read ${what.en} "${path}".`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new CliError(`${what.vi} "${path}" không phải JSON hợp lệ.`, `${what.en} "${path}" is not valid JSON.`);
  }
}

export async function loadMapping(path: string | undefined): Promise<SavedMapping | undefined> {
  if (!path) return undefined;
  const parsed = SavedMapping.safeParse(await readJson(path, { vi: "tệp ánh xạ cột", en: "mapping file" }));
  if (!parsed.success) {
    throw new CliError(
      `Tệp ánh xạ "${path}" sai cấu trúc: cần dạng {"F": "members.total", "G": null}.`,
      `Mapping file "${path}" has the wrong shape: expected {"F": "members.total", "G": null}.`,
    );
  }
  return parsed.data;
}

/** Larger than the whole country's registry many times over (it is under 5 MB); more is not a registry. */
const MAX_REGISTRY_BYTES = 64 * 1024 * 1024;
/** The country has about 14,000 units over all periods. */
const MAX_REGISTRY_UNITS = 100_000;
const SHOWN_PROBLEMS = 10;

/**
 * A registry file given with --registry, parsed once by the whole-registry check (check.ts: the
 * fast path per row, zod to explain a refusal): a file with any problem is refused, listing them,
 * and nothing of it is used.
 */
export async function loadRegistry(path: string | undefined): Promise<OrgUnit[]> {
  if (!path) return defaultRegistry();
  const size = await stat(path).then((s) => s.size, () => 0);
  if (size > MAX_REGISTRY_BYTES) {
    throw new CliError(`Danh mục đơn vị "${path}" quá lớn (${Math.round(size / 1048576)} MB, tối đa ${MAX_REGISTRY_BYTES / 1048576} MB); chưa dùng gì của tệp này.`, `Registry "${path}" is too large (${Math.round(size / 1048576)} MB, at most ${MAX_REGISTRY_BYTES / 1048576} MB); nothing of it was used.`);
  }
  const json = await readJson(path, { vi: "danh mục đơn vị", en: "registry" });
  if (!Array.isArray(json)) throw new CliError(`Danh mục đơn vị "${path}" sai cấu trúc: cần một mảng JSON, mỗi phần tử là một đơn vị.`, `Registry "${path}" has the wrong shape: expected a JSON array of units.`);
  if (json.length > MAX_REGISTRY_UNITS) throw new CliError(`Danh mục đơn vị "${path}" có ${json.length} đơn vị, vượt quá giới hạn ${MAX_REGISTRY_UNITS}; chưa dùng gì của tệp này.`, `Registry "${path}" has ${json.length} units, more than the limit of ${MAX_REGISTRY_UNITS}; nothing of it was used.`);
  const { units: checked, problems } = checkRegistry(json);
  if (problems.length) {
    const shown = problems.slice(0, SHOWN_PROBLEMS);
    const more = problems.length > SHOWN_PROBLEMS ? problems.length - SHOWN_PROBLEMS : 0;
    throw new CliError(
      `Danh mục đơn vị "${path}" có ${problems.length} lỗi; chưa dùng gì của tệp này:\n${shown.map((p) => `  ${p.message.vi}`).join("\n")}${more ? `\n  … và ${more} lỗi khác.` : ""}`,
      `Registry "${path}" has ${problems.length} problem(s); nothing of it was used:\n${shown.map((p) => `  ${p.message.en}`).join("\n")}${more ? `\n  … and ${more} more.` : ""}`,
      "invalid-registry",
    );
  }
  return checked;
}

export function loadTargets(): Target[] {
  return z.array(Target).parse(HAM_TAN_TARGETS);
}
