// Clerks' mapping offers waiting for the province's review (issue 17): listed for its staff,
// each accepted (it becomes the form's served mapping) or rejected. The server decides and
// audits; a review someone made meanwhile comes back as its 409, worded by the server.
import type { MappingOffer, MappingOffersResponse } from "../../../../../shared/contract/index.ts";
import type { SessionPort } from "../../shell/ports.ts";

export type OffersHost = Pick<SessionPort, "t" | "task" | "render" | "api" | "notice">;

export class MappingOffers {
  list: MappingOffersResponse | null = null;

  constructor(private readonly app: OffersHost, private readonly onAccepted: (province: string) => Promise<void> = async () => undefined) {}

  pending(): MappingOffer[] { return this.list?.offers.filter((o) => o.state === "pending") ?? []; }

  async load(province: string): Promise<void> {
    const app = this.app;
    // Fetched right after the mappings in use: their notice (how many forms) stays up.
    const shown = app.notice;
    await app.task(app.t("offers.loading"), async () => {
      this.list = await app.api().mappingOffers(province);
      app.notice = shown;
    });
  }

  async review(id: string, decision: "accept" | "reject"): Promise<void> {
    const app = this.app, list = this.list;
    const offer = list?.offers.find((o) => o.id === id);
    if (!list || !offer) return;
    const form = offer.sheet ? `“${offer.sheet}”` : offer.fingerprint;
    await app.task(app.t(decision === "accept" ? "offers.accepting" : "offers.rejecting"), async () => {
      try {
        await app.api().reviewMappingOffer(list.province, id, decision);
      } finally {
        // Reviewed or refused, the list shows what the server now holds.
        this.list = await app.api().mappingOffers(list.province);
      }
      if (decision === "accept") await this.onAccepted(list.province);
      app.notice = { kind: "ok", text: app.t(decision === "accept" ? "offers.accepted" : "offers.rejected", { form }) };
    });
  }
}
