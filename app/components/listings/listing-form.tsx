import type { getFormProps } from "@conform-to/react";
import { useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";
import type { ReactNode } from "react";
import { FormErrors } from "~/components/forms";
import { useT } from "~/i18n/use-t";

/*
 * The skeleton of a listing's new/edit form (an offer's or a space's service's): the form's own
 * errors, the kind's fields, then two submit buttons that share the name "intent": save a draft
 * (always allowed) or publish (needs verification). A published listing only saves its changes.
 */
export function ListingFormShell({
  ns,
  formProps,
  errors,
  published,
  children,
}: {
  ns: "offers" | "spaces";
  formProps: ReturnType<typeof getFormProps>;
  errors: string[] | undefined;
  published?: boolean;
  children: ReactNode;
}) {
  const { t } = useT();
  const pending = useNavigation().state === "submitting";
  return (
    <Form method="post" {...formProps} className="card space-y-5">
      <FormErrors errors={errors} />
      {children}
      <div className="flex flex-col gap-3 sm:flex-row">
        <button
          type="submit"
          name="intent"
          value="save"
          className="btn-secondary w-full sm:w-auto"
          disabled={pending}
        >
          {published ? t(`${ns}.action.saveChanges`) : t(`${ns}.action.save`)}
        </button>
        {published ? null : (
          <button
            type="submit"
            name="intent"
            value="publish"
            className="btn-primary w-full sm:w-auto"
            disabled={pending}
          >
            {pending ? t(`${ns}.action.pending`) : t(`${ns}.action.publish`)}
          </button>
        )}
      </div>
    </Form>
  );
}
