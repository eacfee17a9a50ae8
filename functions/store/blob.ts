import { DefaultAzureCredential } from "@azure/identity";
import { createHmac } from "node:crypto";

/**
 * The few Blob service calls the nightly backup needs (create the container, put a block blob,
 * list and get blobs for checks), over the REST API: Shared Key from a connection string
 * (Azurite locally) or an Entra token for the app's managed identity (Azure; Bicep grants it
 * Storage Blob Data Owner and disables shared keys).
 */
export interface BlobContainer {
  readonly name: string;
  ensure(): Promise<void>;
  /** Creates the blob; never replaces one (If-None-Match: *). */
  put(blob: string, body: Uint8Array, contentType: string): Promise<void>;
  list(prefix?: string): Promise<string[]>;
  get(blob: string): Promise<Buffer>;
}

const VERSION = "2021-08-06";

type Auth = { kind: "key"; account: string; key: Buffer } | { kind: "token"; token: () => Promise<string> };

function parseConnection(cs: string): { endpoint: string; account: string; key: Buffer } {
  const parts = new Map(cs.split(";").filter(Boolean).map((p) => { const i = p.indexOf("="); return [p.slice(0, i), p.slice(i + 1)] as const; }));
  const account = parts.get("AccountName"), key = parts.get("AccountKey");
  if (!account || !key) throw new Error("the backup connection string needs AccountName and AccountKey");
  const endpoint = parts.get("BlobEndpoint") ?? `${parts.get("DefaultEndpointsProtocol") ?? "https"}://${account}.blob.${parts.get("EndpointSuffix") ?? "core.windows.net"}`;
  return { endpoint: endpoint.replace(/\/$/, ""), account, key: Buffer.from(key, "base64") };
}

/** Shared Key (Blob service, 2009-09-19 and later): the string to sign, then HMAC-SHA256 with the account key. */
function sharedKey(method: string, url: URL, headers: Record<string, string>, account: string, key: Buffer): string {
  const h = (n: string) => headers[n] ?? "";
  const length = h("content-length") === "0" ? "" : h("content-length");
  const msHeaders = Object.keys(headers).filter((k) => k.startsWith("x-ms-")).sort().map((k) => `${k}:${headers[k]!.trim()}\n`).join("");
  const query = [...url.searchParams.keys()].map((k) => k.toLowerCase()).sort()
    .map((k) => `\n${k}:${url.searchParams.getAll(k).sort().join(",")}`).join("");
  const toSign = [method, h("content-encoding"), h("content-language"), length, h("content-md5"), h("content-type"), "", h("if-modified-since"), h("if-match"), h("if-none-match"), h("if-unmodified-since"), h("range")].join("\n")
    + `\n${msHeaders}/${account}${url.pathname}${query}`;
  return `SharedKey ${account}:${createHmac("sha256", key).update(toSign, "utf8").digest("base64")}`;
}

export function blobContainer(opts: { connectionString?: string | null; endpoint?: string | null; container: string }): BlobContainer {
  let endpoint: string;
  let auth: Auth;
  if (opts.connectionString) {
    const c = parseConnection(opts.connectionString);
    endpoint = c.endpoint;
    auth = { kind: "key", account: c.account, key: c.key };
  } else if (opts.endpoint) {
    endpoint = opts.endpoint.replace(/\/$/, "");
    const credential = new DefaultAzureCredential();
    auth = { kind: "token", token: async () => (await credential.getToken("https://storage.azure.com/.default")).token };
  } else throw new Error("no blob storage configured for backups");
  if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(opts.container)) throw new Error(`"${opts.container}" is not a valid container name`);

  async function call(method: string, path: string, query: Record<string, string>, body?: Uint8Array, extra: Record<string, string> = {}): Promise<Response> {
    const url = new URL(`${endpoint}/${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const headers: Record<string, string> = { "x-ms-date": new Date().toUTCString(), "x-ms-version": VERSION, "content-length": String(body?.byteLength ?? 0), ...extra };
    headers.authorization = auth.kind === "key" ? sharedKey(method, url, headers, auth.account, auth.key) : `Bearer ${await auth.token()}`;
    return fetch(url, { method, headers, ...(body ? { body: Buffer.from(body) } : {}) });
  }
  const fail = async (what: string, r: Response) => new Error(`${what}: blob service answered ${r.status} ${(await r.text()).slice(0, 200)}`);
  const name = opts.container;
  return {
    name,
    async ensure() {
      const r = await call("PUT", name, { restype: "container" });
      if (r.status !== 201 && r.status !== 409) throw await fail(`creating container ${name}`, r);
      await r.arrayBuffer();
    },
    async put(blob, body, contentType) {
      const r = await call("PUT", `${name}/${blob.split("/").map(encodeURIComponent).join("/")}`, {}, body, { "x-ms-blob-type": "BlockBlob", "content-type": contentType, "if-none-match": "*" });
      if (r.status !== 201) throw await fail(`writing ${blob}`, r);
      await r.arrayBuffer();
    },
    async list(prefix = "") {
      const out: string[] = [];
      let marker = "";
      do {
        const r = await call("GET", name, { restype: "container", comp: "list", ...(prefix ? { prefix } : {}), ...(marker ? { marker } : {}) });
        if (r.status !== 200) throw await fail(`listing ${name}`, r);
        const xml = await r.text();
        for (const m of xml.matchAll(/<Name>([^<]*)<\/Name>/g)) out.push(m[1]!.replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
        marker = /<NextMarker>([^<]*)<\/NextMarker>/.exec(xml)?.[1] ?? "";
      } while (marker);
      return out;
    },
    async get(blob) {
      const r = await call("GET", `${name}/${blob.split("/").map(encodeURIComponent).join("/")}`, {});
      if (r.status !== 200) throw await fail(`reading ${blob}`, r);
      return Buffer.from(await r.arrayBuffer());
    },
  };
}
