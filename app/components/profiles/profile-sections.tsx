import { FactList } from "~/components/fact-list";
import { RevealLink } from "~/components/privacy/reveal-link";
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useForm } from "~/utils/use-form";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Link, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { FormErrors, TextField } from "~/components/forms";
import { formatPhone } from "~/i18n/format";
import type { OfferKind } from "~/generated/prisma/enums";
import { useT } from "~/i18n/use-t";
import { ModerationSchema } from "~/modules/profiles/profiles.schema";

/** Contact details for verified viewers; everyone else gets the hint that verification opens them. */
export function ContactSection({
  contact,
  canReveal = false,
}: {
  contact: { phone: string | null; email: string | null; address?: string | null } | null;
  /** The details are masked and this viewer may see them in full (the view is logged). */
  canReveal?: boolean;
}) {
  const { t } = useT();
  const rows = contact
    ? (
        [
          [t("profiles.phone"), contact.phone && formatPhone(contact.phone)],
          [t("profiles.email"), contact.email],
          [t("profiles.address"), contact.address],
        ] as const
      ).filter(([, value]) => value)
    : [];
  return (
    <section className="card" aria-labelledby="contact">
      <h2 id="contact" className="text-lg font-semibold">
        {t("profiles.contact")}
      </h2>
      {!contact ? (
        <p className="mt-2 text-stone-600">{t("profiles.contactHint")}</p>
      ) : rows.length === 0 ? (
        <p className="mt-2 text-stone-600">{t("profiles.notSet")}</p>
      ) : (
        <FactList facts={rows} className="mt-3" />
      )}
      {canReveal ? <RevealLink /> : null}
    </section>
  );
}

export function HiddenNotice({ hidden }: { hidden: { reason: string } | null }) {
  const { t } = useT();
  if (!hidden) return null;
  return (
    <p role="status" className="rounded-lg border-l-4 border-amber-500 bg-amber-50 px-4 py-3 text-amber-900">
      {t("profiles.hiddenNotice", { reason: hidden.reason })}
    </p>
  );
}

/** The bureau's hide / show-again form at the foot of a profile page. */
export function ModerationForm({
  hidden,
  lastResult,
}: {
  hidden: boolean;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const { t } = useT();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "moderate-profile",
    lastResult,
    constraint: getZodConstraint(ModerationSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ModerationSchema }),
  });
  return (
    <section className="card border-amber-300" aria-labelledby="moderation">
      <h2 id="moderation" className="text-lg font-semibold">
        {t("profiles.moderation")}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
        <FormErrors errors={form.errors} />
        {hidden ? null : (
          <TextField
            meta={fields.reason}
            label={t("profiles.hideReason")}
            hint={t("profiles.hideReasonHint")}
          />
        )}
        <button
          type="submit"
          name="intent"
          value={hidden ? "unhide" : "hide"}
          className="btn-secondary w-full sm:w-auto"
          disabled={navigation.state === "submitting"}
        >
          {hidden ? t("profiles.unhide") : t("profiles.hide")}
        </button>
      </Form>
    </section>
  );
}

/** The offers an organisation or an expert published. */
export function ProfileOffers({ offers }: { offers: { id: string; kind: OfferKind; title: string }[] }) {
  const { t } = useT();
  if (offers.length === 0) return null;
  return (
    <section className="card" aria-labelledby="offers">
      <h2 id="offers" className="text-lg font-semibold">
        {t("profiles.offers")}
      </h2>
      <ul className="mt-2 divide-y divide-stone-200">
        {offers.map((offer) => (
          <li key={offer.id} className="py-2">
            <span className="mr-2 text-sm text-stone-600">{t(`profiles.offerKind.${offer.kind}`)}</span>
            <Link to={`/offers/${offer.id}`} className="link">
              {offer.title}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
