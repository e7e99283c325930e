import { useNavigation } from "@remix-run/react";
import { PhotoGrid } from "~/components/creative/photo-grid";
import { Form } from "~/components/form";
import { ErrorList, FormErrors } from "~/components/forms";
import { formatMoney } from "~/i18n/format";
import { useT } from "~/i18n/use-t";
import type { AgencyEngagementStatus, AgencyServiceType, BrandTradeKind } from "~/generated/prisma/enums";
import { AGENCY_SERVICE_TYPES, BRAND_TRADE_KINDS } from "~/modules/creative/brand-partners.schema";

interface Answer {
  intent: string;
  reply: { error?: Record<string, string[] | null> | null };
}

interface PartnersData {
  engagements: {
    id: string;
    agencyName: string;
    serviceType: AgencyServiceType;
    status: AgencyEngagementStatus;
    brief: string;
    deliveryNote: string | null;
    deliveryUploadId: string | null;
    mine: boolean;
  }[];
  trades: {
    id: string;
    buyerName: string;
    kind: BrandTradeKind;
    priceFen: number;
    tradedOn: string;
    note: string;
  }[];
  canInvite: boolean;
  canTrade: boolean;
  agencies: { id: string; name: string }[];
  buyers: { id: string; name: string }[];
}

/**
 * Partner agencies engaged on the brand (creative, trademark, IP) and the brand's trades: shown to
 * everyone; the team invites and records trades, the agency's accounts accept and deliver.
 */
export function BrandPartners({ partners, answer }: { partners: PartnersData; answer?: Answer }) {
  const { t, locale } = useT();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const errors = (intent: string, field: string) =>
    answer?.intent === intent ? (answer.reply.error?.[field] ?? undefined) : undefined;
  return (
    <>
      <section className="card space-y-3" aria-labelledby="agencies">
        <h2 id="agencies" className="text-xl font-semibold">
          {t("brandPartners.agencies")}
        </h2>
        {partners.engagements.length === 0 ? (
          <p className="text-stone-600">{t("brandPartners.noAgencies")}</p>
        ) : null}
        <ul className="space-y-3">
          {partners.engagements.map((engagement) => (
            <li
              key={engagement.id}
              className="space-y-2 border-t border-stone-200 pt-2"
              data-testid="engagement"
            >
              <p className="font-medium">
                {engagement.agencyName} · {t(`brandPartners.service.${engagement.serviceType}`)} ·{" "}
                <span>{t(`brandPartners.status.${engagement.status}`)}</span>
              </p>
              <p className="whitespace-pre-line text-sm text-stone-700">{engagement.brief}</p>
              {engagement.deliveryNote ? (
                <p className="whitespace-pre-line">{engagement.deliveryNote}</p>
              ) : null}
              {engagement.deliveryUploadId ? (
                <PhotoGrid photoIds={[engagement.deliveryUploadId]} className="grid grid-cols-3 gap-2" />
              ) : null}
              {engagement.mine && engagement.status === "INVITED" ? (
                <Form method="post" className="flex gap-2">
                  <FormErrors errors={errors("accept", "") ?? errors("decline", "")} />
                  <input type="hidden" name="engagementId" value={engagement.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="accept"
                    className="btn-primary flex-1"
                    disabled={busy}
                  >
                    {t("brandPartners.accept")}
                  </button>
                  <button
                    type="submit"
                    name="intent"
                    value="decline"
                    className="btn-secondary flex-1"
                    disabled={busy}
                  >
                    {t("brandPartners.decline")}
                  </button>
                </Form>
              ) : null}
              {engagement.mine && engagement.status === "ACCEPTED" ? (
                <Form method="post" encType="multipart/form-data" className="space-y-2">
                  <FormErrors errors={errors("deliver", "")} />
                  <input type="hidden" name="engagementId" value={engagement.id} />
                  <label className="block space-y-1">
                    <span className="block text-stone-800">{t("brandPartners.field.deliveryNote")}</span>
                    <textarea
                      name="deliveryNote"
                      rows={3}
                      className="input"
                      aria-describedby="delivery-note-error"
                    />
                    <ErrorList id="delivery-note-error" errors={errors("deliver", "deliveryNote")} />
                  </label>
                  <label className="block space-y-1">
                    <span className="block text-stone-800">{t("brandPartners.field.file")}</span>
                    <input
                      type="file"
                      name="file"
                      accept="image/jpeg,image/png,image/webp"
                      className="block w-full"
                      aria-describedby="delivery-file-error"
                    />
                    <ErrorList id="delivery-file-error" errors={errors("deliver", "file")} />
                  </label>
                  <button
                    type="submit"
                    name="intent"
                    value="deliver"
                    className="btn-primary w-full"
                    disabled={busy}
                  >
                    {t("brandPartners.deliver")}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {partners.canInvite ? (
          <Form method="post" className="space-y-2 border-t border-stone-200 pt-3">
            <h3 className="font-semibold">{t("brandPartners.invite")}</h3>
            <FormErrors errors={errors("invite", "")} />
            <label className="block space-y-1">
              <span className="block text-stone-800">{t("brandPartners.field.agency")}</span>
              <select
                name="agencyOrganisationId"
                className="input"
                aria-describedby="agency-error"
                defaultValue=""
              >
                <option value="">{t("brandPartners.choose")}</option>
                {partners.agencies.map((agency) => (
                  <option key={agency.id} value={agency.id}>
                    {agency.name}
                  </option>
                ))}
              </select>
              <ErrorList id="agency-error" errors={errors("invite", "agencyOrganisationId")} />
            </label>
            <label className="block space-y-1">
              <span className="block text-stone-800">{t("brandPartners.field.serviceType")}</span>
              <select
                name="serviceType"
                className="input"
                aria-describedby="service-type-error"
                defaultValue=""
              >
                <option value="">{t("brandPartners.choose")}</option>
                {AGENCY_SERVICE_TYPES.map((type) => (
                  <option key={type} value={type}>
                    {t(`brandPartners.service.${type}`)}
                  </option>
                ))}
              </select>
              <ErrorList id="service-type-error" errors={errors("invite", "serviceType")} />
            </label>
            <label className="block space-y-1">
              <span className="block text-stone-800">{t("brandPartners.field.brief")}</span>
              <textarea name="brief" rows={3} className="input" aria-describedby="brief-error" />
              <ErrorList id="brief-error" errors={errors("invite", "brief")} />
            </label>
            <button type="submit" name="intent" value="invite" className="btn-primary w-full" disabled={busy}>
              {t("brandPartners.invite")}
            </button>
          </Form>
        ) : null}
      </section>
      <section className="card space-y-3" aria-labelledby="trades">
        <h2 id="trades" className="text-xl font-semibold">
          {t("brandPartners.trades")}
        </h2>
        {partners.trades.length === 0 ? (
          <p className="text-stone-600">{t("brandPartners.noTrades")}</p>
        ) : null}
        <ul className="space-y-2">
          {partners.trades.map((trade) => (
            <li key={trade.id} className="border-t border-stone-200 pt-2">
              <p className="font-medium">
                {trade.tradedOn} · {t(`brandPartners.kind.${trade.kind}`)} · {trade.buyerName}
              </p>
              <p>{formatMoney(locale, trade.priceFen)}</p>
              {trade.note ? <p className="text-sm text-stone-700">{trade.note}</p> : null}
            </li>
          ))}
        </ul>
        {partners.canTrade ? (
          <Form method="post" className="space-y-2 border-t border-stone-200 pt-3">
            <h3 className="font-semibold">{t("brandPartners.recordTrade")}</h3>
            <FormErrors errors={errors("trade", "")} />
            <label className="block space-y-1">
              <span className="block text-stone-800">{t("brandPartners.field.buyer")}</span>
              <select
                name="buyerOrganisationId"
                className="input"
                aria-describedby="buyer-error"
                defaultValue=""
              >
                <option value="">{t("brandPartners.choose")}</option>
                {partners.buyers.map((buyer) => (
                  <option key={buyer.id} value={buyer.id}>
                    {buyer.name}
                  </option>
                ))}
              </select>
              <ErrorList id="buyer-error" errors={errors("trade", "buyerOrganisationId")} />
            </label>
            <label className="block space-y-1">
              <span className="block text-stone-800">{t("brandPartners.field.kind")}</span>
              <select name="kind" className="input" aria-describedby="kind-error" defaultValue="">
                <option value="">{t("brandPartners.choose")}</option>
                {BRAND_TRADE_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`brandPartners.kind.${kind}`)}
                  </option>
                ))}
              </select>
              <ErrorList id="kind-error" errors={errors("trade", "kind")} />
            </label>
            <label className="block space-y-1">
              <span className="block text-stone-800">{t("brandPartners.field.price")}</span>
              <input name="price" inputMode="decimal" className="input" aria-describedby="price-error" />
              <ErrorList id="price-error" errors={errors("trade", "price")} />
            </label>
            <label className="block space-y-1">
              <span className="block text-stone-800">{t("brandPartners.field.tradedOn")}</span>
              <input name="tradedOn" type="date" className="input" aria-describedby="traded-on-error" />
              <ErrorList id="traded-on-error" errors={errors("trade", "tradedOn")} />
            </label>
            <label className="block space-y-1">
              <span className="block text-stone-800">{t("brandPartners.field.note")}</span>
              <input name="note" className="input" aria-describedby="trade-note-error" />
              <ErrorList id="trade-note-error" errors={errors("trade", "note")} />
            </label>
            <button type="submit" name="intent" value="trade" className="btn-primary w-full" disabled={busy}>
              {t("brandPartners.recordTrade")}
            </button>
          </Form>
        ) : null}
      </section>
    </>
  );
}
