import { app, type HttpRequest } from "@azure/functions";
import { ApprovalAction, CompleteRequest, PeriodParams, ReturnAction } from "../shared/contract/index.ts";
import { act, approvals, complete } from "./lib/approvals.ts";
import { authenticate } from "./lib/auth.ts";
import { handle, json, parseParams, readBody } from "./lib/http.ts";
import { routeOf } from "./lib/route.ts";
import { ready } from "./store/client.ts";
import { readOrgUnits } from "./store/reference.ts";
import { noRegistry } from "./lib/province-registry.ts";

/** 500 units × a code and a version, with room for a comment. */
const MAX_BODY = 64 * 1024;

async function context(req: HttpRequest) {
  const who = await authenticate(req);
  const { province, period } = parseParams(PeriodParams, req);
  const t = await ready();
  const registry = await readOrgUnits(t, province);
  if (!registry) throw noRegistry(province);
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
