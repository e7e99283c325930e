import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { requireUser } from "~/modules/users/guards.server";
import { FinancePermissionSchema } from "~/modules/wallet/wallet.schema";
import { grantFinance, listFinanceMembers } from "~/modules/wallet/wallet.server";
import { domainErrorResponse } from "~/utils/errors";
import { requestMeta } from "~/utils/request.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${translate(data.locale, "wallet.permissions.title")} · ${data.organisation.name}`
      : "XiangKe",
  },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await listFinanceMembers(user, params.id ?? "").catch((error: unknown) => {
    throw domainErrorResponse(error);
  });
  return { ...page, locale: await getLocale(request) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const organisationId = params.id ?? "";
  const submission = parseWithZod(await request.formData(), { schema: FinancePermissionSchema });
  if (submission.status !== "success") throw new Response("Bad Request", { status: 400 });
  await grantFinance(user, organisationId, submission.value, requestMeta(request, context)).catch(
    (error: unknown) => {
      throw domainErrorResponse(error);
    },
  );
  return redirectWithToast(`/orgs/${organisationId}/finance`, { message: "wallet.permissions.saved" });
}

/** The organisation's member permissions: 财务权限 and 签约权限, named by its administrator. */
export default function MemberPermissionsPage() {
  const { organisation, members } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "submitting";
  const { t } = useT();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <header>
        <Link to={`/orgs/${organisation.id}`} className="link text-sm">
          {t("webhooks.backToOrg")}
        </Link>
        <h1 className="mt-1 text-2xl font-bold">
          {t("wallet.permissions.title")} · {organisation.name}
        </h1>
        <p className="mt-1 text-stone-700">{t("wallet.finance.intro")}</p>
        <p className="mt-1 text-stone-700">{t("wallet.signing.intro")}</p>
      </header>
      <ul className="space-y-3">
        {members.map((member) => (
          <li key={member.userId} className="card space-y-3">
            <div>
              <p className="font-semibold">{member.displayName}</p>
              <p className="text-sm text-stone-600">
                {t(`role.${member.role}`)} ·{" "}
                {member.verified ? t("wallet.signing.verified") : t("wallet.signing.unverified")}
              </p>
              <p className="text-sm text-stone-600">
                {member.finance ? t("wallet.finance.granted") : t("wallet.finance.none")} ·{" "}
                {member.signing ? t("wallet.signing.granted") : t("wallet.signing.none")}
              </p>
            </div>
            <div className="flex flex-wrap gap-2">
              <PermissionButton member={member} permission="finance" busy={busy} />
              <PermissionButton member={member} permission="signing" busy={busy} />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function PermissionButton({
  member,
  permission,
  busy,
}: {
  member: { userId: string; finance: boolean; signing: boolean };
  permission: "finance" | "signing";
  busy: boolean;
}) {
  const { t } = useT();
  const held = member[permission];
  return (
    <Form method="post">
      <input type="hidden" name="userId" value={member.userId} />
      <input type="hidden" name="permission" value={permission} />
      <input type="hidden" name="granted" value={held ? "false" : "true"} />
      <button type="submit" className={held ? "btn-secondary" : "btn-primary"} disabled={busy}>
        {held ? t(`wallet.${permission}.revoke`) : t(`wallet.${permission}.grant`)}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
