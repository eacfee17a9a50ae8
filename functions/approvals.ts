import { app, type HttpRequest } from "@azure/functions";
import { randomUUID } from "node:crypto";
import { ApprovalAction, ApprovalLevelsPutRequest, CompleteRequest, PeriodParams, ProvinceParams, ReturnAction, type ApprovalLevelsResponse } from "../shared/contract/index.ts";
import { approvalLevelsFor } from "../shared/approval/levels-v1.ts";
import { assertProvinceStaff } from "./lib/access.ts";
import { ApiError, fail } from "./lib/errors.ts";
import { readApprovalLevels, readApprovalLevelsAudit, replaceApprovalLevels } from "./store/approval-levels.ts";
import { lostRace } from "./store/query.ts";
import { act, approvals, complete } from "./lib/approvals.ts";
import { authenticate } from "./lib/auth.ts";
import { handle, json, parseParams, readBody } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";
import { ready } from "./store/client.ts";
import { requireRegistry } from "./lib/province-registry.ts";

/** 500 units × a code and a version, with room for a comment. */
const MAX_BODY = 64 * 1024;

async function context(req: HttpRequest) {
  const who = await authenticate(req);
  const { province, period } = parseParams(PeriodParams, req);
  const t = await ready();
  const registry = await requireRegistry(t, province);
  return { province, period, who, t, registry };
}

app.http("approvals", routeOf("approvals", handle(async (req) => {
  const c = await context(req);
  return json(200, await approvals(c.t, c.who, c.province, c.period, c.registry));
})));

app.http("complete", routeOf("complete", handle(async (req) => {
  const c = await context(req);
  const body = await readBody(req, CompleteRequest, MAX_BODY);
  return json(200, await complete(c.t, c.who, c.province, c.period, body, c.registry));
})));

for (const action of ["approve", "return", "reopen"] as const) {
  app.http(action, routeOf(action, handle(async (req) => {
    const c = await context(req);
    const body = await readBody(req, action === "approve" ? ApprovalAction : ReturnAction, MAX_BODY);
    return json(200, await act(c.t, c.who, c.province, c.period, action, body, c.registry));
  })));
}

/** The province's own staff read the chain; an operator too (it sets it). */
function assertMayReadLevels(who: Awaited<ReturnType<typeof authenticate>>, province: string): void {
  if (who.assignment.role === "operator") return;
  assertProvinceStaff(who, province);
}

async function levelsBody(t: Awaited<ReturnType<typeof ready>>, province: string): Promise<ApprovalLevelsResponse> {
  const [{ chain }, audit] = await Promise.all([readApprovalLevels(t, province), readApprovalLevelsAudit(t, province)]);
  return { province, chain: approvalLevelsFor(province, chain), own: chain !== null, audit };
}

app.http("approvalLevels", routeOf("approvalLevels", handle(async (req) => {
  const who = await authenticate(req);
  const { province } = parseParams(ProvinceParams, req);
  assertMayReadLevels(who, province);
  const t = await ready();
  await requireRegistry(t, province);
  return json(200, await levelsBody(t, province));
})));

/**
 * Only an operator replaces a province's chain, as only an operator assigns its staff and their
 * levels: the staff who approve cannot loosen who approves. Units already on their way up keep
 * their marks; the new chain judges the next step.
 */
app.http("saveApprovalLevels", routeOf("saveApprovalLevels", handle(async (req) => {
  const who = await authenticate(req);
  const { province } = parseParams(ProvinceParams, req);
  if (who.assignment.role !== "operator") throw fail.forbidden("Only an operator sets a province's approval levels.", "Chỉ quản trị viên hệ thống được thiết lập các cấp duyệt của tỉnh.");
  const { chain } = await readBody(req, ApprovalLevelsPutRequest, MAX_BODY);
  const t = await ready();
  await requireRegistry(t, province);
  const current = await readApprovalLevels(t, province);
  try {
    await replaceApprovalLevels(t, province, chain, current.etag, { id: randomUUID(), user: who.user, displayName: who.displayName, at: new Date().toISOString(), before: current.chain, after: chain });
  } catch (e) {
    if (lostRace(e)) throw new ApiError(409, "conflict", { vi: "Các cấp duyệt vừa được người khác thay đổi; hãy tải lại và gửi lại.", en: "The approval levels were just changed by someone else; reload them and send again." });
    throw e;
  }
  return json(200, await levelsBody(t, province));
})));
