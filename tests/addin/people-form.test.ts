import { describe, expect, it } from "vitest";
import { t, type StringKey } from "../../addin/src/i18n.ts";
import { People, type PeopleHost, type PersonDraft } from "../../addin/src/ui/features/people/state.ts";
import type { Notice } from "../../addin/src/ui/shell/ports.ts";

/**
 * The Người dùng tab's add form checks what was typed before anything is sent: each hostile or
 * mistyped field is named in Vietnamese, no request leaves the pane, and the typing stays.
 */
function host(): PeopleHost & { requests: number; notice: Notice | null } {
  const h = {
    notice: null as Notice | null,
    requests: 0,
    t: (key: StringKey, params?: Record<string, string | number>) => t("vi", key, params),
    render: () => undefined,
    task: async (_label: string, fn: () => Promise<void>) => { await fn(); },
    api: () => { h.requests++; throw new Error("a bad draft must not reach the server"); },
  };
  return h;
}

const good: PersonDraft = { user: "van-thu-mau-01@tinh-mau.example", role: "clerk", unit: "tst-d01", name: "Văn thư mẫu 01", email: "van-thu-mau-01@tinh-mau.example", levels: "" };

const bad: [string, Partial<PersonDraft>, StringKey][] = [
  ["a user id with a space", { user: "van thu" }, "people.bad.user"],
  ["a user id with a slash (a path segment)", { user: "../admin" }, "people.bad.user"],
  ["a user id with a bar (the audit key's separator)", { user: "a|b" }, "people.bad.user"],
  ["a user id with % and #", { user: "a%2Fb#c" }, "people.bad.user"],
  ["a user id with a control character", { user: "ab\u0007c" }, "people.bad.user"],
  ["an empty user id", { user: "   " }, "people.bad.user"],
  ["a user id of 201 characters", { user: "x".repeat(201) }, "people.bad.user"],
  ["a role the form does not offer", { role: "operator" }, "people.bad.role"],
  ["no unit", { unit: "" }, "people.bad.unit"],
  ["a unit code with a formula", { unit: "=cmd|' /C calc'!A0" }, "people.bad.unit"],
  ["a name a sheet would read as a formula", { name: "=HYPERLINK(\"http://x\")" }, "people.bad.name"],
  ["a name starting with @", { name: "@SUM(A1)" }, "people.bad.name"],
  ["a name with a control character", { name: "Văn\u0000thư" }, "people.bad.name"],
  ["a name of 101 characters", { name: "Văn thư mẫu ".padEnd(101, "x") }, "people.bad.name"],
  ["an e-mail without a domain", { email: "van-thu@" }, "people.bad.email"],
  ["an e-mail without a dot in the domain", { email: "van-thu@localhost" }, "people.bad.email"],
  ["two addresses in one", { email: "a@b.vn,c@d.vn" }, "people.bad.email"],
  ["an approval level that is no level", { role: "province", unit: "TST", levels: "1, 7" }, "people.bad.levels"],
  ["an approval level twice", { role: "province", unit: "TST", levels: "2,2" }, "people.bad.levels"],
  ["approval levels in words", { role: "province", unit: "TST", levels: "cấp một" }, "people.bad.levels"],
];

describe("the Người dùng add form", () => {
  it("lets a correct draft through (optional name and e-mail may be left blank)", () => {
    const p = new People(host());
    expect(p.problem(good)).toBeNull();
    expect(p.problem({ ...good, name: "", email: "" })).toBeNull();
    expect(p.problem({ ...good, role: "province", unit: "TST" })).toBeNull();
    expect(p.problem({ ...good, role: "province", unit: "TST", levels: "1, 2" })).toBeNull();
    // A clerk's form carries no levels, whatever the hidden field held.
    expect(p.problem({ ...good, levels: "9" })).toBeNull();
  });

  it.each(bad)("names %s in Vietnamese, sends nothing and keeps the typing", async (_what, change, key) => {
    const h = host();
    const p = new People(h);
    const draft = { ...good, ...change };
    for (const [k, v] of Object.entries(draft)) p.type(k as keyof PersonDraft, v);
    expect(p.problem(draft)).toBe(t("vi", key));
    await p.add("TST");
    expect(h.notice).toEqual({ kind: "error", text: t("vi", key) });
    expect(h.requests).toBe(0);
    expect(p.draft).toEqual(draft);
  });
});
