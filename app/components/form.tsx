import {
  Form as RemixForm,
  useLocation,
  useNavigation,
  useRouteLoaderData,
  type FormProps,
} from "@remix-run/react";
import { forwardRef, useEffect, useId, useRef, type FormEvent } from "react";
import { SUBMISSION_FIELD } from "~/modules/submissions/submission-field";
import { deferred } from "./deferred";

// Only a form with files has an upload to show: its code loads with the first such form.
const UploadProgress = deferred(() => import("./upload-progress").then((module) => module.UploadProgress), {
  quiet: true,
});

/**
 * A key for one showing of one form: the root loader's per-response seed, the history entry and
 * the form's place in the tree. It is the same on the server and in the browser (no hydration
 * mismatch), stays the same while the form is on screen, and is new after every navigation — a
 * submission that succeeded or was refused lands on a new history entry, so the next one acts anew.
 */
export function useSubmissionKey(): string {
  const seed = useRouteLoaderData<{ submissionSeed?: string }>("root")?.submissionSeed ?? "page";
  const { key } = useLocation();
  const place = useId().replace(/[^A-Za-z0-9]/g, "");
  return `${seed}.${key}.${place}`;
}

/**
 * Remix's Form, made safe to tap twice. A POST form carries a one-time key, so the server answers
 * a repeated submission with the first outcome (with JavaScript off too). With JavaScript, the
 * form is busy from the tap until the navigation it started has finished — its submit buttons
 * show progress and a second tap (or Enter) does nothing. A form with files shows how its upload
 * goes (when its route sends them with uploadingClientAction, app/utils/upload-submit.ts).
 */
export const Form = forwardRef<HTMLFormElement, FormProps>(function Form(
  { children, method, encType, onSubmit, ...props },
  ref,
) {
  const key = useSubmissionKey();
  const navigation = useNavigation();
  const once = (method ?? "get").toLowerCase() !== "get";
  const sentKey = useRef<string | null>(null);
  const navigating = navigation.state !== "idle";
  const busy = once && navigating && navigation.formData?.get(SUBMISSION_FIELD) === key;
  const navigatingNow = useRef(navigating);
  navigatingNow.current = navigating;

  // The navigation is over (done, refused or dropped): the form may be sent again.
  useEffect(() => {
    if (!navigating) sentKey.current = null;
  }, [navigating]);

  function submit(event: FormEvent<HTMLFormElement>) {
    if (once && sentKey.current === key) {
      event.preventDefault();
      return;
    }
    onSubmit?.(event);
    if (!once || event.defaultPrevented) return;
    sentKey.current = key;
    // A submission that never became a navigation (nothing to wait for) does not lock the form.
    setTimeout(() => {
      if (!navigatingNow.current && sentKey.current === key) sentKey.current = null;
    }, 1500);
  }

  return (
    <RemixForm
      ref={ref}
      method={method}
      encType={encType}
      onSubmit={submit}
      aria-busy={busy || undefined}
      {...props}
    >
      {once ? <input type="hidden" name={SUBMISSION_FIELD} value={key} /> : null}
      {children}
      {once && encType === "multipart/form-data" ? <UploadProgress submissionKey={key} /> : null}
    </RemixForm>
  );
});
