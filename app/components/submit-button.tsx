import { useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";

/** A form's submit button, disabled while a form is being submitted so it is not sent twice. */
export function SubmitButton({ className, children }: { className: string; children: ReactNode }) {
  const submitting = useNavigation().state === "submitting";
  return (
    <button type="submit" className={className} disabled={submitting}>
      {children}
    </button>
  );
}
