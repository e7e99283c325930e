import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ClaimForm } from "~/components/reach/claim-form";
import { translate } from "~/i18n/i18n";
import { getLocale } from "~/i18n/i18n.server";
import { useT } from "~/i18n/use-t";
import { registerAndClaim } from "~/modules/reach/claim.actions.server";
import { claimNeed } from "~/modules/reach/informants.server";
import { ClaimAndRegisterSchema, ClaimSchema } from "~/modules/reach/reach.schema";
import { getOptionalUser } from "~/modules/users/guards.server";
import { serializeSessionCookie } from "~/modules/users/session.server";
import { replyInvalid, replyWithDomainError } from "~/utils/forms.server";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

const SECRET_FIELDS = ["password", "confirmPassword", "code"];

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "reach.claim.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  return { loggedIn: Boolean(user), phone: user?.phone ?? "", locale: await getLocale(request) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await getOptionalUser(request);
  const locale = await getLocale(request);
  const meta = requestMeta(request, context);
  const formData = await request.formData();
  if (user) {
    const submission = parseWithZod(formData, { schema: ClaimSchema });
    if (submission.status !== "success") return replyInvalid(submission, SECRET_FIELDS);
    try {
      const needId = await claimNeed({
        user,
        phone: submission.value.phone,
        code: submission.value.code,
        confirm: Boolean(submission.value.confirm),
        meta,
      });
      return redirectWithToast(`/needs/${needId}`, { message: "reach.claim.done" });
    } catch (error) {
      return replyWithDomainError(submission, error, locale, SECRET_FIELDS);
    }
  }
  const submission = parseWithZod(formData, { schema: ClaimAndRegisterSchema });
  if (submission.status !== "success") return replyInvalid(submission, SECRET_FIELDS);
  try {
    const { needId, sessionId } = await registerAndClaim(submission.value, meta);
    return redirectWithToast(
      `/needs/${needId}`,
      { message: "reach.claim.done" },
      { headers: [["Set-Cookie", await serializeSessionCookie(sessionId)]] },
    );
  } catch (error) {
    return replyWithDomainError(submission, error, locale, SECRET_FIELDS);
  }
}

export default function ClaimPage() {
  const { loggedIn, phone } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useT();
  return (
    <section className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold">{t("reach.claim.title")}</h1>
      <p className="text-stone-700">{t("reach.claim.intro")}</p>
      <ClaimForm loggedIn={loggedIn} phone={phone} lastResult={lastResult} />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
