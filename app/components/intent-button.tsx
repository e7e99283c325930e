import { useNavigation } from "@remix-run/react";
import { Form } from "~/components/form";

/** One action of a detail page (publish, withdraw, unhide…) as its own small form. */
export function IntentButton({
  intent,
  label,
  primary = false,
}: {
  intent: string;
  label: string;
  primary?: boolean;
}) {
  const navigation = useNavigation();
  return (
    <Form method="post">
      <button
        type="submit"
        name="intent"
        value={intent}
        className={primary ? "btn-primary w-full" : "btn-secondary w-full"}
        disabled={navigation.state === "submitting"}
      >
        {label}
      </button>
    </Form>
  );
}
