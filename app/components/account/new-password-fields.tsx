import { TextField } from "~/components/forms";
import { useT } from "~/i18n/use-t";

type FieldMeta = Parameters<typeof TextField>[0]["meta"];

/**
 * A new password typed twice, as registering, claiming a need and changing a password ask for
 * it: the rules as a hint under the first field, and autocomplete that lets a phone's password
 * manager offer a strong one.
 */
export function NewPasswordFields({
  password,
  confirm,
  labels,
}: {
  password: FieldMeta;
  confirm: FieldMeta;
  labels: { password: string; confirm: string };
}) {
  const { t } = useT();
  return (
    <>
      <TextField
        meta={password}
        label={labels.password}
        hint={t("register.passwordHint")}
        type="password"
        autoComplete="new-password"
      />
      <TextField meta={confirm} label={labels.confirm} type="password" autoComplete="new-password" />
    </>
  );
}
