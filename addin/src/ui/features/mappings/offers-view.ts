import { vietnamTime } from "../../../../../shared/report/unit-status.ts";
import type { SavedMapping } from "../../../../../shared/index.ts";
import type { MappingOffer, SharedMapping } from "../../../../../shared/contract/index.ts";
import type { SessionPort } from "../../shell/ports.ts";
import { action } from "../../controls.ts";
import { h } from "../../dom.ts";
import { KIND } from "../../read-summary.ts";
import type { MappingOffers } from "./offers.ts";

/** What the review of mapping offers reads and does. */
export interface OffersPort extends SessionPort {
  readonly mappingOffers: MappingOffers;
}

/**
 * The clerks' offers waiting for review, each with its form, who offered it from which unit and
 * when, the units that sent the same, and each column's indicator beside the one in use (marked
 * where they differ); Chấp nhận / Từ chối. Reviewed offers follow, folded, with who decided when.
 */
export function renderOffers(app: OffersPort, accepted: readonly SharedMapping[]): HTMLElement | null {
  const mo = app.mappingOffers;
  if (!mo.list) return null;
  const pending = mo.pending();
  const reviewed = mo.list.offers.filter((o) => o.state !== "pending");
  return h("section", { id: "o-list", class: "mapping-offers" },
    h("h3", {}, app.t("offers.title", { count: pending.length })),
    pending.length ? pending.map((o, i) => offer(app, o, `p${i}`, accepted.find((m) => m.fingerprint === o.fingerprint) ?? null)) : h("p", { class: "hint" }, app.t("offers.none")),
    reviewed.length ? h("details", { id: "o-reviewed" }, h("summary", {}, app.t("offers.reviewed", { count: reviewed.length })),
      reviewed.map((o, i) => offer(app, o, `r${i}`, null))) : null,
  );
}

function indicator(app: OffersPort, v: SavedMapping[string] | undefined): string {
  if (v === undefined) return app.t("mappings.unset");
  if (v === null) return app.t("validate.ignore");
  const name = (code: string) => app.catalog.byCode.get(code)?.label[app.lang] ?? code;
  return typeof v === "string" ? name(v) : `${name(v.part)} / ${name(v.whole)}`;
}

function offer(app: OffersPort, o: MappingOffer, key: string, current: SharedMapping | null): HTMLElement {
  const vi = app.lang === "vi";
  const at = (iso: string) => `${vietnamTime(iso)}${vi ? " (giờ Việt Nam)" : " (Vietnam time)"}`;
  const unitName = (code: string) => app.registry.find((u) => u.code === code)?.name ?? code;
  const kind = o.kind === "units" || o.kind === "transposed" || o.kind === "form" ? KIND[app.lang][o.kind] : o.kind;
  const columns = [...new Set([...o.headers, ...Object.keys(o.mapping)])];
  const same = (a: SavedMapping[string] | undefined, b: SavedMapping[string] | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const state = o.state === "accepted" ? app.t("offers.state.accepted", { by: o.reviewedBy ?? "", at: at(o.reviewedAt ?? o.at) })
    : o.state === "rejected" ? app.t("offers.state.rejected", { by: o.reviewedBy ?? "", at: at(o.reviewedAt ?? o.at) }) : null;
  return h("article", { class: "mapping-offer", "data-key": o.id, id: `o-${key}` },
    h("h4", { title: `${app.t("mappings.form")} ${o.fingerprint}` }, o.sheet ? `“${o.sheet}”` : app.t("mappings.form"), " · ", kind),
    h("p", { class: "meta" }, app.t("offers.by", { by: o.by, unit: o.unit ? unitName(o.unit) : "—", at: at(o.at) })),
    o.units.length > 1 ? h("p", { class: "hint" }, app.t("offers.units", { units: o.units.map(unitName).join(", ") })) : null,
    o.state === "pending" && !current ? h("p", { class: "hint" }, app.t("offers.new")) : null,
    state ? h("p", { class: "hint" }, state) : null,
    h("table", { class: "mapping-columns" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, app.t("mappings.header")), h("th", { scope: "col" }, app.t("offers.offered")), h("th", { scope: "col" }, app.t("offers.inUse")))),
      h("tbody", {}, columns.map((header) => {
        const mine = Object.prototype.hasOwnProperty.call(o.mapping, header) ? o.mapping[header] : undefined;
        const now = current && Object.prototype.hasOwnProperty.call(current.mapping, header) ? current.mapping[header] : undefined;
        const differs = !!current && !same(mine, now);
        return h("tr", { "data-key": `${o.id}|${header}`, class: differs ? "differs" : null },
          h("th", { scope: "row" }, header),
          h("td", {}, indicator(app, mine), differs ? h("strong", {}, ` (${app.t("offers.changed")})`) : null),
          h("td", {}, current ? indicator(app, now) : "—"));
      }))),
    o.state === "pending" ? h("div", { class: "actions" },
      action({ id: `o-accept-${key}`, primary: true, disabled: !!app.busy, onclick: () => void app.mappingOffers.review(o.id, "accept") }, app.t("offers.accept")),
      action({ id: `o-reject-${key}`, disabled: !!app.busy, onclick: () => void app.mappingOffers.review(o.id, "reject") }, app.t("offers.reject"))) : null,
  );
}
