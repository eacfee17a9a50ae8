import { app } from "@azure/functions";
import { AssignmentParams, AssignmentPut, ProvinceParams, type AssignmentAuditResponse, type AssignmentChange } from "../shared/contract/index.ts";
import { assertProvinceStaffOrSuccessor } from "./lib/cross-province.ts";
import { provinceAssignments } from "./lib/assignments.ts";
import { authenticate } from "./lib/auth.ts";
import { auditEntry, fieldsOf } from "./lib/people-audit.ts";
import { ApiError } from "./lib/errors.ts";
import { handle, json, parseParams, readBody } from "./lib/http.ts";
import { assertMayManage, checkPut, checkRevoke } from "./lib/people.ts";
import { routeOf } from "./lib/route.ts";
import { changeAssignment, readAssignmentAudit, readAssignmentFresh, type AssignmentFields } from "./store/assignment-admin.ts";
import { ready } from "./store/client.ts";
import { listAssignmentRows, readOrgUnits } from "./store/reference.ts";
import { requireRegistry } from "./lib/province-registry.ts";
import { lostRace } from "./store/query.ts";

/** A person's assignment is a few short strings: far below this. */
const MAX_ASSIGNMENT_BYTES = 4 * 1024;

/** The clerks of the province's units (and its staff), for the status sheet and the people screen: its own staff or an operator. */
app.http("assignments", routeOf("assignments", handle(async (req) => {
  const who = await authenticate(req);
  const { province } = parseParams(ProvinceParams, req);
  // Who may ask comes before whether the province exists, so no one learns of another's.
  // A successor province's staff name the ended province's clerks on its past status sheets (read only).
  if (who.assignment.role !== "operator") assertProvinceStaffOrSuccessor(who, province);
  const t = await ready();
  const registry = await requireRegistry(t, province);
  return json(200, provinceAssignments(province, registry, await listAssignmentRows(t)));
})));

app.http("assignmentsAudit", routeOf("assignmentsAudit", handle(async (req) => {
  const who = await authenticate(req);
  const { province } = parseParams(ProvinceParams, req);
  assertMayManage(who, province);
  const body: AssignmentAuditResponse = { province, audit: await readAssignmentAudit(await ready(), province) };
  return json(200, body);
})));

const fields = fieldsOf;
const entryOf = auditEntry;

async function write(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    if (lostRace(e)) throw new ApiError(409, "conflict", { vi: "Phân công của người dùng này vừa được người khác thay đổi; hãy tải lại và làm lại.", en: "This user's assignment was just changed by someone else; reload and try again." });
    throw e;
  }
}

app.http("putAssignment", routeOf("putAssignment", handle(async (req) => {
  const who = await authenticate(req);
  const { province, user } = parseParams(AssignmentParams, req);
  assertMayManage(who, province);
  const next = await readBody(req, AssignmentPut, MAX_ASSIGNMENT_BYTES);
  const t = await ready();
  // Staff need no registry yet: they are the ones who import it.
  const [registry, existing] = await Promise.all([readOrgUnits(t, province), readAssignmentFresh(t, user)]);
  checkPut(who, province, registry, existing, next);
  const after: AssignmentFields = { role: next.role, unit: next.unit, name: next.name ?? null, email: next.email ?? null, ...(next.levels?.length ? { levels: next.levels } : {}) };
  await write(() => changeAssignment(t, province, user, after, existing?.etag ?? null, entryOf(who, "put", user, fields(existing), after)));
  const unitName = registry?.find((u) => u.code === next.unit)?.name ?? null;
  const body: AssignmentChange = { province, assignment: { user, role: next.role, unit: next.unit, unitName, name: after.name, email: after.email, ...(after.levels?.length ? { levels: after.levels } : {}) } };
  return json(200, body);
})));

app.http("revokeAssignment", routeOf("revokeAssignment", handle(async (req) => {
  const who = await authenticate(req);
  const { province, user } = parseParams(AssignmentParams, req);
  assertMayManage(who, province);
  const t = await ready();
  const [registry, existing] = await Promise.all([readOrgUnits(t, province), readAssignmentFresh(t, user)]);
  checkRevoke(who, province, registry, existing);
  await write(() => changeAssignment(t, province, user, null, existing!.etag, entryOf(who, "revoke", user, fields(existing), null)));
  const body: AssignmentChange = { province, assignment: null };
  return json(200, body);
})));
