import { app } from "@azure/functions";
import { MappingOfferParams, MappingParams, MappingReviewRequest, ProvinceParams, SharedMappingRequest, type SharedMapping } from "../shared/contract/index.ts";
import { vietnamTime } from "../shared/report/unit-status.ts";
import { assertProvinceReader, assertProvinceStaff } from "./lib/access.ts";
import { authenticate } from "./lib/auth.ts";
import { ApiError, fail } from "./lib/errors.ts";
import { handle, json, parseParams, readBody } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";
import { ready } from "./store/client.ts";
import { acceptedRow, listMappings, MappingChanged, mappingFromRow, readMapping, saveMapping } from "./store/mappings.ts";
import { listOffers, OfferLimitReached, OfferNotPending, reviewOffer } from "./store/mapping-offers.ts";
import { settings } from "./lib/settings.ts";
import { requireRegistry } from "./lib/province-registry.ts";
import { mappingOfferProblems } from "../shared/contract/mapping-offer.ts";
import { getCatalog } from "../shared/index.ts";

/**
 * Column mappings shared in a province: clerks of the province and its staff read the accepted
 * ones; a clerk offers the mapping confirmed for a form, which waits for the province's staff to
 * accept or reject it when it differs from the accepted one; province staff set one directly. Bodies are small (a form's
 * headers and choices): 256 KiB is plenty, and each stored JSON stays under Table Storage's
 * 64 KiB per string property.
 */
const MAX_BODY = 256 * 1024;
const MAX_PROPERTY_CHARS = 30_000; // UTF-16 units: 60 KB, under the 64 KiB property limit

/** Authentication first, then the path: an anonymous caller gets 401 whatever the path holds. */
async function reader<P extends { province: string }>(req: Parameters<typeof authenticate>[0], params: () => P) {
  const who = await authenticate(req);
  const p = params();
  const province = p.province;
  const t = await ready();
  const registry = await requireRegistry(t, province);
  assertProvinceReader(who, province, registry);
  return { who, t, ...p };
}

app.http("mappings", routeOf("mappings", handle(async (req) => {
  const { t, province } = await reader(req, () => parseParams(ProvinceParams, req));
  return json(200, { province, mappings: await listMappings(t, province) });
})));

app.http("mapping", routeOf("mapping", handle(async (req) => {
  const { t, province, fingerprint } = await reader(req, () => parseParams(MappingParams, req));
  const m: SharedMapping | null = await readMapping(t, province, fingerprint);
  if (!m) throw fail.notFound(`No shared mapping for form ${fingerprint} yet.`, `Chưa có ánh xạ chung cho biểu ${fingerprint}.`);
  return json(200, m);
})));

app.http("saveMapping", routeOf("saveMapping", handle(async (req) => {
  const { who, t, province, fingerprint } = await reader(req, () => parseParams(MappingParams, req));
  const body = await readBody(req, SharedMappingRequest, MAX_BODY);
  if (JSON.stringify(body.mapping).length > MAX_PROPERTY_CHARS || JSON.stringify(body.headers).length > MAX_PROPERTY_CHARS) {
    throw new ApiError(413, "payload_too_large", { vi: "Ánh xạ cột quá lớn để lưu.", en: "The column mapping is too large to store." });
  }
  // Checked as data others' workbooks are read with: text that cannot act as a formula, indicators of the catalog.
  const problems = mappingOfferProblems(getCatalog(), body);
  if (problems.length) {
    throw fail.badRequest(
      `The column mapping was not kept: ${problems.length} problem(s), see details (headers and sheet names are text and may not begin with = or @; indicators must be in the catalog).`,
      `Chưa lưu ánh xạ cột: có ${problems.length} lỗi, xem chi tiết (tiêu đề cột và tên trang tính là văn bản, không được bắt đầu bằng = hoặc @; chỉ tiêu phải có trong danh mục chỉ tiêu).`,
      problems,
    );
  }
  const asProvince = who.assignment.role === "province";
  if (body.baseAt !== undefined && !asProvince) throw fail.badRequest("baseAt is for province staff editing a mapping.", "Chỉ cán bộ tỉnh sửa ánh xạ mới gửi baseAt.", [{ path: "baseAt", problem: "province staff only" }]);
  try {
    const result = await saveMapping(t, province, fingerprint, body, { user: who.user, unit: asProvince ? null : who.assignment.unit ?? null, asProvince }, settings().mappingOffers);
    return json(200, result);
  } catch (e) {
    if (e instanceof OfferLimitReached) throw offerLimit(e, province);
    if (!(e instanceof MappingChanged)) throw e;
    const c = e.current;
    throw new ApiError(409, "conflict", c
      ? { vi: `Ánh xạ của biểu này vừa được ${c.by} sửa lúc ${vietnamTime(c.at)} (giờ Việt Nam), sau khi anh/chị mở ra; hãy tải lại danh sách rồi sửa lại.`,
        en: `This form's mapping was changed by ${c.by} at ${vietnamTime(c.at)} (Vietnam time) after you opened it; reload the list and edit again.` }
      : { vi: "Ánh xạ của biểu này không còn trên máy chủ; hãy tải lại danh sách.", en: "This form's mapping is no longer on the server; reload the list." },
    e.current ? { current: e.current } : {});
  }
})));

/** The review queue is full for the province or for this clerk: the offer waits until staff review others. */
function offerLimit(e: OfferLimitReached, province: string): ApiError {
  const text = e.scope === "province"
    ? { vi: `Tỉnh ${province} đã có ${e.pending} đề xuất ánh xạ cột đang chờ duyệt (tối đa ${e.limit}); đề xuất này chưa được lưu. Đề nghị cán bộ tỉnh duyệt các đề xuất đang chờ rồi gửi lại.`,
      en: `Province ${province} already has ${e.pending} mapping offers waiting for review (at most ${e.limit}); this offer was not kept. Ask the province's staff to review the waiting offers, then send it again.` }
    : { vi: `Anh/chị đã có ${e.pending} đề xuất ánh xạ cột đang chờ tỉnh duyệt (tối đa ${e.limit} đề xuất mỗi người); đề xuất này chưa được lưu. Hãy chờ tỉnh duyệt rồi gửi lại.`,
      en: `You already have ${e.pending} mapping offers waiting for the province's review (at most ${e.limit} per person); this offer was not kept. Wait for the review, then send it again.` };
  return new ApiError(409, "offer_limit", text, { scope: e.scope, limit: e.limit, pending: e.pending });
}

app.http("mappingOffers", routeOf("mappingOffers", handle(async (req) => {
  const { who, t, province } = await reader(req, () => parseParams(ProvinceParams, req));
  assertProvinceStaff(who, province);
  return json(200, { province, offers: await listOffers(t, province) });
})));

app.http("reviewMappingOffer", routeOf("reviewMappingOffer", handle(async (req) => {
  const { who, t, province, id } = await reader(req, () => parseParams(MappingOfferParams, req));
  assertProvinceStaff(who, province);
  const { decision } = await readBody(req, MappingReviewRequest, 1024);
  try {
    const r = await reviewOffer(t, province, id, decision, who.user, (o, current, at) => acceptedRow(id, o, current, who.user, at));
    if (!r) throw fail.notFound(`No mapping offer ${id} in province ${province}.`, `Không có đề xuất ánh xạ ${id} ở tỉnh ${province}.`);
    const offer = r.offer;
    const mapping = r.accepted ? mappingFromRow(province, offer.fingerprint, r.accepted) : null;
    return json(200, { offer, mapping });
  } catch (e) {
    if (!(e instanceof OfferNotPending)) throw e;
    const o = e.offer;
    const state = o.state === "accepted" ? { vi: "đã được chấp nhận", en: "accepted" } : o.state === "rejected" ? { vi: "đã bị từ chối", en: "rejected" } : { vi: "vừa thay đổi", en: "changed" };
    throw new ApiError(409, "conflict", {
      vi: `Đề xuất ánh xạ ${id} ${state.vi}${o.reviewedBy ? ` (${o.reviewedBy}, ${vietnamTime(o.reviewedAt ?? o.at)} giờ Việt Nam)` : ""}; hãy tải lại danh sách.`,
      en: `Mapping offer ${id} was ${state.en}${o.reviewedBy ? ` (${o.reviewedBy}, ${vietnamTime(o.reviewedAt ?? o.at)} Vietnam time)` : ""}; reload the list.`,
    });
  }
})));
