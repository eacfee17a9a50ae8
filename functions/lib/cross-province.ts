import type { TableClient } from "@azure/data-tables";
import { nationallyLinkedProvinces } from "../../shared/registry/cross-province.ts";
import { readOrgUnits } from "../store/reference.ts";
import { assertProvinceReader } from "./access.ts";
import type { Principal } from "./auth.ts";
import { ApiError, fail } from "./errors.ts";
import { NATIONAL_REGISTRY } from "./national-registry.ts";

/**
 * Whether figures stored in province `other` may be read for a reader of `province`, checked at
 * the point where another province's partition is read, beside (not instead of) the
 * confinement of the registry to national links (national-registry.ts `confined`):
 *  (a) the national registry links the two provinces (shared/registry/cross-province.ts), or
 *  (b) the reader holds the rights `other`'s own routes need (its staff or one of its clerks).
 * A job holds no province's rights, so it reads across provinces by (a) alone.
 */
export function linkedNationally(province: string, other: string): boolean {
  return other === province || nationallyLinkedProvinces(NATIONAL_REGISTRY, province).has(other);
}

export async function assertCrossProvinceReader(t: TableClient, who: Principal | null, province: string, other: string): Promise<void> {
  if (linkedNationally(province, other)) return;
  if (who && who.assignment.role !== "job") {
    const registry = await readOrgUnits(t, other);
    if (registry) {
      try { assertProvinceReader(who, other, registry); return; } catch (e) { if (!(e instanceof ApiError)) throw e; }
    }
  }
  throw fail.forbidden(
    `Figures of province ${other} are read for ${province} only where the national registry links the two provinces, or by someone holding ${other}'s own rights; your assignment does neither.`,
    `Số liệu của tỉnh ${other} chỉ được đọc cho tỉnh ${province} khi danh mục đơn vị hành chính quốc gia nối hai tỉnh, hoặc khi người đọc có quyền trên tỉnh ${other}; phân công của anh/chị không thuộc trường hợp nào.`,
  );
}
