import { readFile } from "node:fs/promises";
import { z } from "zod";
import { OrgUnitRegistry, SavedMapping, Target, type OrgUnit } from "../shared/index.ts";
import { fastOrgUnits } from "../shared/registry/fast-parse.ts";
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

export async function loadRegistry(path: string | undefined): Promise<OrgUnit[]> {
  if (!path) return defaultRegistry();
  const json = await readJson(path, { vi: "danh mục đơn vị", en: "registry" });
  const fast = fastOrgUnits(json);
  if (fast) return fast;
  const parsed = OrgUnitRegistry.safeParse(json);
  if (!parsed.success) throw new CliError(`Danh mục đơn vị "${path}" sai cấu trúc.`, `Registry "${path}" has the wrong shape.`);
  return parsed.data;
}

export function loadTargets(): Target[] {
  return z.array(Target).parse(HAM_TAN_TARGETS);
}
