import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../addin/src/api/client.ts";
import type { QueuedSubmission } from "../../addin/src/doc-settings.ts";
import { attempt, settle } from "../../addin/src/submit-queue.ts";
import { submission } from "../functions/stack.ts";

/**
 * The pane's queue against a real HTTP server answering each status the way the functions do
 * (a JSON error body with field details for 400): only failures that can succeed later keep
 * the submission queued; definite refusals leave the queue and say what the server said.
 */
let server: Server;
let base = "";
let nextStatus = 200;
const received: string[] = [];

const errorBody = (status: number) => ({
  error: status === 400 ? "bad_request" : status === 403 ? "forbidden" : status === 429 ? "too_many_requests" : "unavailable",
  message: { vi: "Yêu cầu không đúng cấu trúc.", en: "The request is malformed." },
  ...(status === 400 ? { details: [{ path: "period", problem: "expected YYYY-MM" }, { path: "units.0.values.B1", problem: "not a number" }] } : {}),
});

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push(String(req.headers["idempotency-key"]));
    req.resume();
    req.on("end", () => {
      const status = nextStatus;
      const body = status === 409
        ? { error: "conflict", message: { vi: "Số liệu đã đổi.", en: "Changed." }, currentVersion: 2, conflicts: [] }
        : status === 422 ? { error: "invalid", message: { vi: "Có lỗi.", en: "Errors." }, issues: [] }
        : status === 502 || status === 504 ? "<html>Bad Gateway</html>" : errorBody(status);
      res.writeHead(status, { "Content-Type": typeof body === "string" ? "text/html" : "application/json" });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

const item = (key: string): QueuedSubmission => ({ idempotencyKey: key, queuedAt: "2026-12-01T00:00:00Z", request: submission("BTH-HTN") });
const other = item("other");

async function once(status: number, client = new ApiClient(base, async () => "t")) {
  nextStatus = status;
  const mine = item(`k-${status}`);
  const result = await attempt(client, mine);
  return { result, queue: settle([other, mine], mine, result), mine };
}

describe("submission queue: what stays queued", () => {
  it.each([429, 502, 503, 504])("HTTP %i keeps the submission queued, to be sent again with the same key", async (status) => {
    const { result, queue, mine } = await once(status);
    expect(result.kind).toBe("kept");
    if (result.kind === "kept") expect(result.reason).toBe("busy");
    expect(queue).toEqual([other, mine]);
    expect(received.at(-1)).toBe(mine.idempotencyKey);
  });

  it("a network failure (nothing listening) keeps it queued", async () => {
    const closed = createServer();
    await new Promise<void>((ok) => closed.listen(0, "127.0.0.1", ok));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((ok) => closed.close(() => ok()));
    const { result, queue, mine } = await once(200, new ApiClient(`http://127.0.0.1:${port}`, async () => "t"));
    expect(result).toMatchObject({ kind: "kept", reason: "network" });
    expect(queue).toEqual([other, mine]);
  });

  it("400 leaves the queue, with the server's field details", async () => {
    const { result, queue } = await once(400);
    expect(result.kind).toBe("refused");
    if (result.kind === "refused") expect(result.details).toEqual(["period: expected YYYY-MM", "units.0.values.B1: not a number"]);
    expect(queue).toEqual([other]);
  });

  it("403 leaves the queue (no details to show)", async () => {
    const { result, queue } = await once(403);
    expect(result).toMatchObject({ kind: "refused", details: [] });
    expect(queue).toEqual([other]);
  });

  it.each([[409, "conflict"], [422, "invalid"]] as const)("HTTP %i is a definite answer (%s): shown, and out of the queue", async (status, kind) => {
    const { result, queue } = await once(status);
    expect(result.kind).toBe("answered");
    if (result.kind === "answered") expect(result.outcome.kind).toBe(kind);
    expect(queue).toEqual([other]);
  });

  it("an unreadable 500 or a 404 is not retried forever either", async () => {
    for (const status of [404, 500]) {
      const { result, queue } = await once(status);
      expect(result.kind).toBe("refused");
      expect(queue).toEqual([other]);
    }
  });
});
