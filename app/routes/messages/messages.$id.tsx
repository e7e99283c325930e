import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ChatRoom } from "~/components/chat/chat-room";
import { hasConsent } from "~/modules/privacy/consents.server";
import { ConversationHeader } from "~/components/chat/conversation-header";
import { getLocale } from "~/i18n/i18n.server";
import { translate } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";
import { HistoryParamsSchema, MessageFormSchema } from "~/modules/chat/chat.schema";
import { postMessage, requireParticipant } from "~/modules/chat/chat.server";
import { conversationPageData } from "~/modules/chat/conversation-page.server";
import { markReadOnView } from "~/modules/chat/receipts.server";
import { MAX_AUDIO_BYTES, MIB } from "~/modules/uploads/limits";
import { MAX_IMAGE_BYTES, parseUploadForm } from "~/modules/uploads/uploads.server";
import { requirePermission } from "~/modules/users/guards.server";
import { domainErrorResponse, isDomainError } from "~/utils/errors";
import { requestMeta } from "~/utils/request.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  {
    title: data
      ? `${data.title} · ${translate(data.locale, "chat.title")} · ${translate(data.locale, "app.name")}`
      : "XiangKe",
  },
];

async function participant(request: Request, conversationId: string, context: { clientIp?: string }) {
  const user = await requirePermission(request, "chat.use");
  try {
    await requireParticipant(user.id, conversationId, requestMeta(request, context));
  } catch (error) {
    throw domainErrorResponse(error);
  }
  return user;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const conversationId = params.id ?? "";
  const user = await participant(request, conversationId, context);
  const { before } = HistoryParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const locale = await getLocale(request);
  const page = await conversationPageData({ userId: user.id, conversationId, before, locale });
  // The newest messages are on screen: read (the senders' receipts move, with JavaScript or not).
  const newest = page.messages.at(-1)?.seq ?? 0;
  if (!page.paging && newest > page.myReadSeq) await markReadOnView(user.id, conversationId, newest);
  return {
    locale,
    ...page,
    voiceConsent: await hasConsent(user.id, "VOICE"),
    // A fresh id for the plain form: a double submit (or a resubmitted page) stores one message.
    clientId: crypto.randomUUID(),
  };
}

/** Sending through the form: without JavaScript, and with it when a photo or a voice note is attached. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const conversationId = params.id ?? "";
  const user = await participant(request, conversationId, context);
  const locale = await getLocale(request);
  const refuse = (error: unknown, body = "") => {
    if (!isDomainError(error)) throw error;
    // The device's outbox (an upload from script) reads the reason from the header.
    return data(
      { error: translate(locale, error.messageKey, error.params), body, field: error.field },
      { status: error.status, headers: { "X-Error-Key": error.messageKey } },
    );
  };
  let form: FormData;
  try {
    // A voice note has its own, smaller limit: one over it is refused before it is read whole.
    form = await parseUploadForm(request, {
      maxFiles: 2,
      maxFileBytes: MAX_IMAGE_BYTES,
      fieldLimits: { voice: { maxBytes: MAX_AUDIO_BYTES, tooLarge: "chat.audio_too_large" } },
    });
  } catch (error) {
    return refuse(error);
  }
  const parsed = MessageFormSchema.safeParse({
    intent: form.get("intent") ?? undefined,
    clientId: form.get("clientId"),
    body: form.get("body") ?? "",
    image: form.get("image") ?? undefined,
    voice: form.get("voice") ?? undefined,
  });
  const body = typeof form.get("body") === "string" ? (form.get("body") as string) : "";
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.message ?? "chat.errors.invalid";
    const known = key.startsWith("chat.") ? key : "chat.errors.invalid";
    return data(
      {
        error: translate(locale, known as never, { mb: MAX_AUDIO_BYTES / MIB }),
        body,
        field: String(issue?.path[0] ?? "body"),
      },
      { status: 400, headers: { "X-Error-Key": known } },
    );
  }
  try {
    const { clientId, body: text, image, voice } = parsed.data;
    await postMessage({ senderId: user.id, conversationId, clientId, body: text, image, voice });
  } catch (error) {
    return refuse(error, body);
  }
  return redirect(`/messages/${conversationId}#latest`, 303);
}

export default function ConversationPage() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  return (
    <section className="mx-auto flex max-w-2xl flex-col gap-3">
      <p>
        <Link to="/messages" className="link text-sm">
          ← {t("chat.backToList")}
        </Link>
      </p>
      <ConversationHeader {...loaderData} />
      <ChatRoom
        key={loaderData.conversationId}
        {...loaderData}
        error={actionData?.error}
        errorField={actionData?.field}
        draft={actionData?.body}
      />
    </section>
  );
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
