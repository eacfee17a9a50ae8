import { describe, expect, it } from "vitest";
import { DialogAuth } from "../../addin/src/auth.ts";
import { DialogParams } from "../../addin/src/auth-dialog-protocol.ts";
import { loadPrefs } from "../../addin/src/prefs.ts";
import { FakeExcelHost, FakeWorkbook } from "./fake-excel/index.ts";

const ORIGIN = "https://htct.example.org";
const CLIENT = "11111111-2222-3333-4444-555555555555";
const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXBhcnQtb2YtdGhlLXRva2Vu";
const prefs = () => ({ ...loadPrefs(null), method: "naa" as const, clientId: CLIENT, tenant: "contoso.onmicrosoft.com" });

function auth(page: (url: string) => { message: string } | { closed: number }, origin = ORIGIN) {
  const host = new FakeExcelHost(new FakeWorkbook(), { dialog: { origin: ORIGIN, page }, sets: ["DialogApi 1.1"] });
  return new DialogAuth(prefs, host.office.dialog!, origin);
}

describe("Microsoft 365 sign-in through Office's dialog (no nested app authentication)", () => {
  it("opens auth-dialog.html on the pane's origin with the app's settings, and takes the token it sends", async () => {
    let opened = "";
    const a = auth((url) => { opened = url; return { message: JSON.stringify({ kind: "token", accessToken: JWT, expiresOn: Date.now() + 3_600_000, username: "can.bo@contoso.vn", name: "Cán bộ mẫu" }) }; });
    const account = await a.signIn();
    expect(account).toEqual({ user: "can.bo@contoso.vn", name: "Cán bộ mẫu" });
    expect(await a.token()).toBe(JWT);
    const u = new URL(opened);
    expect(u.origin + u.pathname).toBe(`${ORIGIN}/auth-dialog.html`);
    expect(DialogParams.parse(Object.fromEntries(u.searchParams))).toEqual({ clientId: CLIENT, scope: `api://${CLIENT}/access_as_user`, tenant: "contoso.onmicrosoft.com" });
  });

  it("never opens a window at the pane's start (silent sign-in)", async () => {
    let opened = 0;
    const a = auth(() => { opened++; return { closed: 12006 }; });
    await expect(a.signIn(true)).rejects.toThrow(/click/);
    expect(opened).toBe(0);
  });

  it("says so when the person closes the window, or the page answers nonsense", async () => {
    await expect(auth(() => ({ closed: 12006 })).signIn()).rejects.toThrow(/closed/);
    for (const message of ["not json", JSON.stringify({ kind: "token", accessToken: "<script>", expiresOn: 1, username: "", name: "" }), JSON.stringify({ kind: "other" }), "x".repeat(30_000)]) {
      const a = auth(() => ({ message }));
      await expect(a.signIn()).rejects.toThrow(/unexpected/);
      expect(a.account).toBeNull();
    }
    await expect(auth(() => ({ message: JSON.stringify({ kind: "error", message: "AADSTS50020: user not in tenant" }) })).signIn()).rejects.toThrow(/AADSTS50020/);
  });

  it("refuses a dialog on another origin (Office would) and forgets an expired token", async () => {
    await expect(auth(() => ({ closed: 12006 }), "https://evil.example").signIn()).rejects.toThrow(/12004/);
    const a = auth(() => ({ message: JSON.stringify({ kind: "token", accessToken: JWT, expiresOn: Date.now() + 30_000, username: "u", name: "" }) }));
    await a.signIn();
    expect(await a.token()).toBeNull();
  });
});
