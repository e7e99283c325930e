import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FactList } from "~/components/fact-list";
import { formatDate, formatDateTime } from "~/i18n/format";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { actOnBrandProject, getBrandProject } from "~/modules/creative/brands.server";
import { BrandActionSchema, MAX_STAGE_PHOTOS } from "~/modules/creative/creative.schema";
import { countyName } from "~/modules/reference/reference";
import { MAX_IMAGE_BYTES, parseUploadForm } from "~/modules/uploads/uploads.server";
import { getOptionalUser, requireUser } from "~/modules/users/guards.server";
import { domainErrorResponse } from "~/utils/errors";
import { replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";
import { BrandProgress } from "~/components/creative/brand-progress";
import { PhotoGrid } from "~/components/creative/photo-grid";
import { BrandWorkForms } from "./+brand-forms";
import { BrandPartners } from "./+brand-partners";
import { actOnBrandPartners, getBrandPartners } from "~/modules/creative/brand-partners.server";
import { BRAND_PARTNER_INTENTS, BrandPartnerActionSchema } from "~/modules/creative/brand-partners.schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.project.name} · ${translate(data.locale, "creative.brands")}` : "XiangKe" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await getOptionalUser(request);
  const [project, partners] = await Promise.all([
    getBrandProject(params.id ?? "", viewer),
    getBrandPartners(params.id ?? "", viewer),
  ]).catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  return { project, partners, locale: await getLocale(request) };
}

const DONE = {
  update: "creative.toast.updated",
  advance: "creative.toast.advanced",
  launch: "creative.toast.launched",
  abandon: "creative.toast.abandoned",
  invite: "brandPartners.toast.invited",
  accept: "brandPartners.toast.accepted",
  decline: "brandPartners.toast.declined",
  deliver: "brandPartners.toast.delivered",
  trade: "brandPartners.toast.traded",
} as const;

// With JavaScript, files go out shrunk, with a progress bar and 重试 after a drop.
export { uploadingClientAction as clientAction } from "~/utils/upload-submit";

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const locale = await getLocale(request);
  const projectId = params.id ?? "";
  let formData: FormData;
  try {
    formData = await parseUploadForm(request, { maxFiles: MAX_STAGE_PHOTOS, maxFileBytes: MAX_IMAGE_BYTES });
  } catch (error) {
    const refused = replyWithDomainError(
      parseWithZod(new FormData(), { schema: BrandActionSchema }),
      error,
      locale,
    );
    return data({ intent: "update", reply: refused.data }, { status: refused.init?.status ?? 400 });
  }
  const intent = String(formData.get("intent") ?? "");
  if (BRAND_PARTNER_INTENTS.includes(intent)) {
    // Engaging partner agencies and recording trades: their own schema, one delivered file.
    const partner = parseWithZod(formData, { schema: BrandPartnerActionSchema });
    if (partner.status !== "success") return data({ intent, reply: partner.reply() }, { status: 400 });
    const file = formData.get("file");
    try {
      await actOnBrandPartners(
        user,
        projectId,
        partner.value,
        file instanceof File ? file : null,
        requestMeta(request, context),
      );
      return redirectWithToast(`/brands/${projectId}`, { message: DONE[partner.value.intent] });
    } catch (error) {
      const refused = replyWithDomainError(partner, error, locale);
      return data({ intent, reply: refused.data }, { status: refused.init?.status ?? 400 });
    }
  }
  const submission = parseWithZod(formData, { schema: BrandActionSchema });
  if (submission.status !== "success") return data({ intent, reply: submission.reply() }, { status: 400 });
  const photos = formData.getAll("photos").filter((value): value is File => value instanceof File);
  try {
    await actOnBrandProject(user, projectId, submission.value, photos, requestMeta(request, context));
    return redirectWithToast(`/brands/${projectId}`, { message: DONE[submission.value.intent] });
  } catch (error) {
    const refused = replyWithDomainError(submission, error, locale);
    return data({ intent, reply: refused.data }, { status: refused.init?.status ?? 400 });
  }
}

export default function BrandProjectPage() {
  const { project, partners } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, locale } = useT();
  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{project.name}</h1>
      <BrandProgress
        stage={project.stage}
        launched={Boolean(project.launchedAt)}
        abandoned={Boolean(project.abandonedAt)}
      />
      <FactList
        className="card"
        facts={[
          [t("creative.field.product"), project.productName],
          [t("creative.field.county"), countyName(project.countyCode, locale)],
          [t("creative.field.owner"), project.ownerName],
          [t("creative.field.lead"), project.leadName],
          [t("creative.field.incubator"), project.incubatorName],
          [t("creative.field.trademarkNo"), project.trademarkApplicationNo],
          [
            t("creative.field.launchedAt"),
            project.launchedAt ? formatDate(locale, project.launchedAt) : null,
          ],
          [t("creative.field.story"), project.story],
        ]}
      />
      {project.needId ? (
        <Link to={`/needs/${project.needId}`} className="link">
          {t("creative.fromNeed")}
        </Link>
      ) : null}
      <h2 className="text-xl font-semibold">{t("creative.timeline")}</h2>
      {project.events.length === 0 ? <p>{t("creative.noEvents")}</p> : null}
      <ol className="space-y-3">
        {project.events.map((event) => (
          <li key={event.id} className="card space-y-2">
            <p className="text-sm text-stone-700">
              {formatDateTime(locale, event.createdAt)} · {t(`creative.stage.${event.stage}`)} ·{" "}
              {event.actorName}
            </p>
            <p className="whitespace-pre-line">{event.note}</p>
            <PhotoGrid photoIds={event.photoIds} className="grid grid-cols-4 gap-2" />
          </li>
        ))}
      </ol>
      {project.launchedAt && !project.abandonedAt ? (
        <p className="text-sm">{t("creative.postLaunch")}</p>
      ) : null}
      {project.canWork ? (
        <BrandWorkForms
          stage={project.stage}
          answer={actionData}
          launched={Boolean(project.launchedAt)}
          canUpdate={project.canUpdate}
          canAbandon={project.canAbandon}
        />
      ) : null}
      <BrandPartners partners={partners} answer={actionData} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
