import { createHash } from "node:crypto";
import { odata, type TableClient, type TransactionAction } from "@azure/data-tables";
import { RegistryProposal, type RegistryProposalRequest } from "../../shared/contract/index.ts";
import { officialCode } from "../../shared/registry/identity.ts";
import { pk, prefixEnd } from "./keys.ts";
import { all, one, writeIfUnchanged } from "./query.ts";

/**
 * Clerks' registry proposals beside the registry in the province's reference partition (row key
 * PROP|<id>), so accepting writes the registry, its audit record and the proposal's state in one
 * transaction (registry-audit.ts). Like a mapping offer the row is its own record: what was
 * proposed, by whom and when, and who accepted or rejected it when; a rejected proposal sent
 * again stays rejected.
 */
export interface ProposalRow { parent: string; units: string; validFrom: string; source: string; by: string; at: string; state: string; reviewedBy: string; reviewedAt: string }

const PREFIX = "PROP|";
const TYPE_TAG = { chi_bo: "CB", thon: "TH", to_dan_pho: "TDP" } as const;

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

/** Same parent and names → same id, whoever proposes them and in whatever order. */
export function proposalId(parent: string, units: RegistryProposalRequest["units"]): string {
  return `p${sha(JSON.stringify([parent, units.map((u) => [u.type, u.name]).sort()])).slice(0, 16)}`;
}

/**
 * The code a proposed unit gets: its parent's official code, its type and a hash of parent id and
 * name ("26740-CB3F2A9B01"), stable across proposals and distinct for a reused parent code.
 */
export function proposedCode(parent: string, type: keyof typeof TYPE_TAG, name: string): string {
  const tag = `${TYPE_TAG[type]}${sha(`${parent}\u0000${name}`).slice(0, 10).toUpperCase()}`;
  const code = `${officialCode(parent)}-${tag}`;
  return code.length <= 40 ? code : tag;
}

function fromRow(id: string, r: ProposalRow): RegistryProposal {
  return RegistryProposal.parse({
    id, parent: r.parent, units: JSON.parse(r.units), validFrom: r.validFrom || null, source: r.source ? JSON.parse(r.source) : null,
    by: r.by, at: r.at, state: r.state, reviewedBy: r.reviewedBy || null, reviewedAt: r.reviewedAt || null,
  });
}

function pick(r: ProposalRow): ProposalRow {
  return { parent: r.parent, units: r.units, validFrom: r.validFrom ?? "", source: r.source ?? "", by: r.by, at: r.at, state: r.state, reviewedBy: r.reviewedBy ?? "", reviewedAt: r.reviewedAt ?? "" };
}

export async function listProposals(t: TableClient, province: string): Promise<RegistryProposal[]> {
  const rows = await all<ProposalRow>(t, odata`PartitionKey eq ${pk.ref(province)} and RowKey ge ${PREFIX} and RowKey lt ${prefixEnd(PREFIX)}`);
  return rows.map((r) => fromRow(r.rowKey!.slice(PREFIX.length), r))
    .sort((a, b) => Number(b.state === "pending") - Number(a.state === "pending") || b.at.localeCompare(a.at));
}

/** Queues a proposal, or returns the same one already there (pending, accepted or rejected). */
export async function queueProposal(t: TableClient, province: string, body: RegistryProposalRequest, validFrom: string | undefined, by: string): Promise<RegistryProposal> {
  const id = proposalId(body.parent, body.units);
  const key = { partitionKey: pk.ref(province), rowKey: `${PREFIX}${id}` };
  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await one<ProposalRow>(t, key.partitionKey, key.rowKey);
    if (existing) return fromRow(id, existing);
    const row: ProposalRow = {
      parent: body.parent, units: JSON.stringify(body.units.map((u) => ({ code: proposedCode(body.parent, u.type, u.name), name: u.name, type: u.type }))),
      validFrom: validFrom ?? "", source: body.source ? JSON.stringify(body.source) : "", by, at: new Date().toISOString(), state: "pending", reviewedBy: "", reviewedAt: "",
    };
    if (await writeIfUnchanged(t, key, row, undefined)) return fromRow(id, row);
  }
  throw new Error("registry proposal: too many concurrent writes");
}

export async function readProposal(t: TableClient, province: string, id: string): Promise<{ proposal: RegistryProposal; etag: string; row: ProposalRow } | null> {
  const row = await one<ProposalRow>(t, pk.ref(province), `${PREFIX}${id}`);
  return row ? { proposal: fromRow(id, row), etag: row.etag, row: pick(row) } : null;
}

/** The proposal's new state as a transaction action, guarded by the ETag it was read with. */
export function reviewAction(province: string, id: string, row: ProposalRow, etag: string, decision: "accept" | "reject", reviewer: string, at: string): { action: TransactionAction; proposal: RegistryProposal } {
  const next: ProposalRow = { ...row, state: decision === "accept" ? "accepted" : "rejected", reviewedBy: reviewer, reviewedAt: at };
  return { action: ["update", { partitionKey: pk.ref(province), rowKey: `${PREFIX}${id}`, ...next }, "Replace", { etag }], proposal: fromRow(id, next) };
}
