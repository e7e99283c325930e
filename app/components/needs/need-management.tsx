import { Link } from "@remix-run/react";
import { Form } from "~/components/form";
import { TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";

/** What the need's owner can do with it at its status: edit, publish, invite, manage applications, close. */
export function NeedOwnerActions({
  need,
}: {
  need: { id: string; status: string; _count: { applications: number } };
}) {
  const { t } = useT();
  return (
    <section className="card flex flex-wrap gap-3">
      {need.status === "DRAFT" || need.status === "OPEN" ? (
        <Link to={`/needs/${need.id}/edit`} className="btn-secondary">
          {t("needs.edit")}
        </Link>
      ) : null}
      {need.status === "DRAFT" ? (
        <Form method="post">
          <button name="intent" value="publish" className="btn-primary">
            {t("needs.publish")}
          </button>
        </Form>
      ) : null}
      {need.status === "DRAFT" || need.status === "OPEN" ? (
        <Link to={`/needs/${need.id}/invite`} className="btn-secondary">
          {t("negotiation.invite.link")}
        </Link>
      ) : null}
      {need.status !== "DRAFT" ? (
        <Link to={`/needs/${need.id}/applications`} className="btn-primary">
          {t("applications.manage")} ({need._count.applications})
        </Link>
      ) : null}
      {need.status === "OPEN" ? (
        <Form method="post">
          <button name="intent" value="close" className="btn-secondary">
            {t("needs.close")}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

type Reply = { error?: Record<string, string[] | null> | null };

function HideForm({ reply }: { reply?: Reply }) {
  const { t } = useT();
  const errors = reply?.error?.reason ?? undefined;
  return (
    <Form method="post" className="space-y-3">
      <TextField
        meta={{
          id: "hide-reason",
          name: "reason",
          errors: errors ?? undefined,
          errorId: "hide-reason-error",
          descriptionId: "hide-reason-hint",
        }}
        label={t("needs.hideReason")}
      />
      <button name="intent" value="hide" className="btn-secondary border-red-300 text-red-800">
        {t("needs.hide")}
      </button>
    </Form>
  );
}

/** A moderator hides a need with a reason, or shows it again. */
export function NeedModeration({ hidden, reply }: { hidden: boolean; reply?: Reply }) {
  const { t } = useT();
  return (
    <section className="card space-y-3">
      {hidden ? (
        <Form method="post">
          <button name="intent" value="unhide" className="btn-secondary">
            {t("needs.unhide")}
          </button>
        </Form>
      ) : (
        <HideForm reply={reply} />
      )}
    </section>
  );
}
