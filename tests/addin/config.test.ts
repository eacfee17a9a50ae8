import { describe, expect, it } from "vitest";
import { parseBuildArgs } from "../../addin/build/build.ts";
import { authority } from "../../addin/src/auth.ts";
import { loadDeployedConfig, withDeployed } from "../../addin/src/config.ts";
import { loadPrefs } from "../../addin/src/prefs.ts";

const CLIENT = "11111111-2222-3333-4444-555555555555";
const answer = (status: number, body: string): typeof fetch => async () => new Response(body, { status });

describe("the deployed config (config.json, written by the production build)", () => {
  it("the build checks its arguments and writes what the pane needs", () => {
    const ok = parseBuildArgs(["--origin", "https://htct.example.org", "--api", "https://htct-api.example.org", "--client-id", CLIENT, "--tenant", "contoso.onmicrosoft.com"]);
    expect(ok).toEqual({ origin: "https://htct.example.org", dev: false, config: { server: "https://htct-api.example.org", clientId: CLIENT, scope: `api://${CLIENT}/access_as_user`, tenant: "contoso.onmicrosoft.com" } });
    for (const bad of [["--origin", "http://x.org"], ["--origin"], ["--origin", "https://x.org/path"], ["--client-id", "not-a-guid"], ["--api", "https://a.org", "--scope", "x y"], ["--tenant", "<script>"], ["--origin", "--dev"]]) {
      expect(parseBuildArgs(bad), bad.join(" ")).toHaveProperty("error");
    }
  });

  it("the pane takes it as defaults; the clerk's own choices win", async () => {
    const cfg = await loadDeployedConfig(answer(200, JSON.stringify({ server: "https://htct-api.example.org", clientId: CLIENT, scope: `api://${CLIENT}/access_as_user`, tenant: "contoso.onmicrosoft.com" })));
    expect(cfg).not.toBeNull();
    const fresh = withDeployed(loadPrefs(null), cfg);
    expect(fresh).toMatchObject({ server: "https://htct-api.example.org", clientId: CLIENT, method: "naa", tenant: "contoso.onmicrosoft.com" });
    const own = withDeployed({ ...loadPrefs(null), server: "https://other.example.org" }, cfg);
    expect(own.server).toBe("https://other.example.org");
  });

  it.each([
    ["missing", answer(404, "")], ["not JSON", answer(200, "<html>")], ["wrong shape", answer(200, JSON.stringify({ server: "javascript:alert(1)", clientId: "x", scope: "", tenant: "" }))],
    ["oversized", answer(200, JSON.stringify({ server: "", clientId: "", scope: "x".repeat(20_000), tenant: "" }))],
    ["network down", (async () => { throw new TypeError("Failed to fetch"); }) as typeof fetch],
  ])("a %s config.json means none, never a failure", async (_name, f) => {
    expect(await loadDeployedConfig(f)).toBeNull();
  });

  it("signs in against the tenant's own authority when it is known", () => {
    expect(authority("contoso.onmicrosoft.com")).toBe("https://login.microsoftonline.com/contoso.onmicrosoft.com");
    expect(authority("")).toBe("https://login.microsoftonline.com/organizations");
  });
});
