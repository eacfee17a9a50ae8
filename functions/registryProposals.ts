import { app } from "@azure/functions";
import { randomUUID } from "node:crypto";
import { ProvinceParams, RegistryProposalParams, RegistryProposalRequest, RegistryProposalReview, type RegistryAuditEntry, type RegistryProposalsResponse } from "../shared/contract/index.ts";
import { ancestorsOf, unitKey, type OrgUnit } from "../shared/index.ts";
import { assertProvinceStaff, provinceOf } from "./lib/access.ts";
import { authenticate } from "./lib/auth.ts";
import { ApiError, fail } from "./lib/errors.ts";
import { handle, json, parseParams, readBody } from "./lib/http.ts";
import { noRegistry, requireRegistry } from "./lib/province-registry.ts";
import { checkProvinceRegistry } from "./lib/registry-admin.ts";
import { routeOf } from "./lib/route.ts";
import { ready } from "./store/client.ts";
import { lostRace } from "./store/query.ts";
import { readRegistryFresh, replaceRegistry } from "./store/registry-audit.ts";
import { listProposals, queueProposal, readProposal, reviewAction } from "./store/registry-proposals.ts";

/** 200 names of at most 80 characters, with their JSON: well under this. */
const MAX_BODY = 64 * 1024;
const LEVEL_OF = { chi_bo: "cell", thon: "village", to_dan_pho: "village" } as const;

/**
 * Party cells and villages have no public list: a commune's clerk proposes those its sheets name,
 * under its own commune (or a unit below it); the province's staff accept or reject them. Staff
 * may propose too (and then accept). What the registry already holds under the parent is refused.
 */
app.http("registryPropose", routeOf("registryPropose", handle(async (req) => {
  const who = await authenticate(req);
  const { province } = parseParams(ProvinceParams, req);
  const body = await readBody(req, RegistryProposalRequest, MAX_BODY);
  const t = await ready();
  const registry = await requireRegistry(t, province);
  const parent = registry.find((u) => u.code === body.parent);
  const a = who.assignment;
  const own = a.role === "province" ? a.unit === province
    : a.role === "clerk" && !!a.unit && provinceOf(registry, a.unit) === province && (a.unit === body.parent || (!!parent && ancestorsOf(registry, parent.code).some((u) => u.code === a.unit)));
  if (!own) throw fail.forbidden(`Units may be proposed only under your own unit of province ${province}.`, `Chỉ được đề xuất đơn vị trực thuộc đơn vị mình được phân công ở tỉnh ${province}.`);
  if (!parent || (parent.code !== province && provinceOf(registry, parent.code) !== province)) throw fail.notFound(`No unit ${body.parent} in province ${province}.`, `Không có đơn vị ${body.parent} trong danh mục của tỉnh ${province}.`);
  if (parent.level === "province" || parent.level === "district") {
    throw fail.badRequest(`Party cells and villages are proposed under a commune, not under ${parent.code} (${parent.level}).`, `Chi bộ, thôn, tổ dân phố được đề xuất dưới một xã, phường, đặc khu, không dưới ${parent.code}.`);
  }
  const seen = new Map<string, string>();
  for (const u of body.units) {
    const k = unitKey(u.name);
    if (seen.has(k)) throw fail.badRequest(`"${u.name}" and "${seen.get(k)}" name the same unit.`, `"${u.name}" và "${seen.get(k)}" là cùng một đơn vị.`);
    seen.set(k, u.name);
  }
  const known = registry.filter((u) => u.parent === parent.code && seen.has(unitKey(u.name)));
  if (known.length) {
    throw new ApiError(409, "conflict", {
      vi: `Danh mục đã có ${known.map((u) => `"${u.name}" (${u.code})`).join(", ")} thuộc ${parent.name}; chưa gửi đề xuất. Bỏ các đơn vị này rồi gửi lại.`,
      en: `The registry already has ${known.map((u) => `"${u.name}" (${u.code})`).join(", ")} under ${parent.name}; nothing was proposed. Leave them out and send again.`,
    });
  }
  const validFrom = body.validFrom ?? parent.validFrom;
  return json(200, await queueProposal(t, province, body, validFrom, who.user));
})));

app.http("registryProposals", routeOf("registryProposals", handle(async (req) => {
  const who = await authenticate(req);
  const { province } = parseParams(ProvinceParams, req);
  assertProvinceStaff(who, province);
  const t = await ready();
  await requireRegistry(t, province);
  const out: RegistryProposalsResponse = { province, proposals: await listProposals(t, province) };
  return json(200, out);
})));

app.http("reviewRegistryProposal", routeOf("reviewRegistryProposal", handle(async (req) => {
  const who = await authenticate(req);
  const { province, id } = parseParams(RegistryProposalParams, req);
  assertProvinceStaff(who, province);
  const { decision } = await readBody(req, RegistryProposalReview, 1024);
  const t = await ready();
  const found = await readProposal(t, province, id);
  if (!found) throw fail.notFound(`No registry proposal ${id} in province ${province}.`, `Không có đề xuất danh mục ${id} ở tỉnh ${province}.`);
  const { proposal, etag, row } = found;
  const stale = () => new ApiError(409, "conflict", {
    vi: `Đề xuất ${id} đã được xử lý (${proposal.state === "accepted" ? "đã chấp nhận" : proposal.state === "rejected" ? "đã từ chối" : "đang thay đổi"}); hãy tải lại danh sách.`,
    en: `Proposal ${id} was reviewed already (${proposal.state}); reload the list.`,
  });
  if (proposal.state !== "pending") throw stale();
  const at = new Date().toISOString();
  const review = reviewAction(province, id, row, etag, decision, who.user, at);
  const current = await readRegistryFresh(t, province);
  if (!current) throw noRegistry(province);
  try {
    if (decision === "reject") {
      await t.submitTransaction([review.action]);
      return json(200, { proposal: review.proposal, audit: null });
    }
    const have = new Set(current.units.map((u) => u.code));
    const added: OrgUnit[] = proposal.units.filter((u) => !have.has(u.code)).map((u) => ({
      code: u.code, name: u.name, level: LEVEL_OF[u.type], type: u.type, parent: proposal.parent,
      ...(proposal.validFrom ? { validFrom: proposal.validFrom } : {}), sample: false, aliases: [],
    }));
    const units = [...current.units, ...added];
    // The registry as it is now, with the new units, passes the same check as an import.
    const { problems } = checkProvinceRegistry(province, units);
    if (problems.length) {
      throw new ApiError(422, "invalid_registry", {
        vi: `Không thể thêm các đơn vị đề xuất: danh mục sẽ có ${problems.length} lỗi; chưa lưu gì.`,
        en: `The proposed units cannot be added: the registry would have ${problems.length} problem(s); nothing was stored.`,
      }, { problems: problems.slice(0, 100) });
    }
    const entry: RegistryAuditEntry = { id: randomUUID(), user: who.user, displayName: who.displayName, at, units: units.length, added: added.map((u) => u.code), removed: [], changed: [] };
    await replaceRegistry(t, province, units, current.etag, entry, [review.action]);
    return json(200, { proposal: review.proposal, audit: entry });
  } catch (e) {
    if (lostRace(e)) throw stale();
    throw e;
  }
})));
