/// <reference types="office-js" />
import { DialogParams, type DialogMessage } from "./auth-dialog-protocol.ts";
import { authority } from "./auth.ts";

/**
 * auth-dialog.html: the page Office's dialog opens for sign-in where nested app authentication
 * is missing. It runs MSAL's redirect flow against the tenant's authority (this page is the
 * redirect URI, registered as a single-page application) and hands the token to the pane with
 * messageParent. MSAL is loaded here only, never in the pane's first load.
 */
async function main(): Promise<DialogMessage> {
  const parsed = DialogParams.safeParse(Object.fromEntries(new URLSearchParams(location.search)));
  if (!parsed.success) return { kind: "error", message: "the sign-in settings are incomplete" };
  const p = parsed.data;
  const { PublicClientApplication } = await import("@azure/msal-browser");
  const redirectUri = `${location.origin}${location.pathname}`;
  const pca = new PublicClientApplication({ auth: { clientId: p.clientId, authority: authority(p.tenant), redirectUri }, cache: { cacheLocation: "sessionStorage" } });
  await pca.initialize();
  const back = await pca.handleRedirectPromise();
  if (back?.accessToken) {
    return { kind: "token", accessToken: back.accessToken, expiresOn: back.expiresOn?.getTime() ?? Date.now() + 3_600_000, username: back.account?.username ?? "", name: back.account?.name ?? "" };
  }
  // The redirect leaves this page; the answer comes when Entra ID sends the browser back here.
  sessionStorage.setItem("htct.dialog.query", location.search);
  await pca.loginRedirect({ scopes: [p.scope], redirectUri });
  return new Promise(() => undefined);
}

void Office.onReady(async () => {
  const send = (m: DialogMessage) => Office.context.ui.messageParent(JSON.stringify(m));
  try {
    send(await main());
  } catch (e) {
    send({ kind: "error", message: e instanceof Error ? e.message.slice(0, 300) : "sign-in failed" });
  }
});
