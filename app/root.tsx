import { data, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { SiteFooter, SiteHeader } from "~/components/site-chrome";
import { OfflineBanner } from "~/components/offline-banner";
import { ToastBanner } from "~/components/toast-banner";
import { getLocale } from "~/i18n/i18n.server";
import { DEFAULT_LOCALE, intlTag, type Locale } from "~/i18n/i18n";
import { PageMessages } from "~/i18n/page-messages";
import { countUnread } from "~/modules/notifications/notifications.server";
import { countUnread as countUnreadMessages } from "~/modules/chat/chat.server";
import { getOptionalUser } from "~/modules/users/guards.server";
import { can } from "~/modules/users/permissions";
import { isBureauStaff } from "~/modules/bureau/bureau-hub.server";
import { isActiveInformant } from "~/modules/reach/informants.server";
import { getToast } from "~/utils/toast.server";
import { useNonce } from "~/utils/nonce";
import stylesheet from "~/tailwind.css?url";

const FAVICON = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#246d31"/>' +
    '<path d="M16 6c-5 4-7 9-6 14 3-1 5-3 6-6 1 3 3 5 6 6 1-5-1-10-6-14z" fill="#fff"/>' +
    '<rect x="15" y="18" width="2" height="8" fill="#fff"/></svg>',
)}`;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  // In the page rather than a request of its own (a kilobyte of headers for 255 bytes on a first view).
  { rel: "icon", href: FAVICON, type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const [locale, user, { toast, headers }] = await Promise.all([
    getLocale(request),
    getOptionalUser(request),
    getToast(request),
  ]);
  const [unreadNotifications, unreadMessages] = user
    ? await Promise.all([countUnread(user.id), countUnreadMessages(user.id)])
    : [0, 0];
  const informant = user ? await isActiveInformant(user.id) : false;
  return data(
    {
      locale,
      toast,
      // Seeds the one-time keys of this response's forms (app/components/form.tsx).
      submissionSeed: crypto.randomUUID().replaceAll("-", ""),
      user: user && {
        id: user.id,
        displayName: user.displayName,
        primaryRole: user.primaryRole,
        bureau: isBureauStaff(user),
        managesFinance: can(user, "finance.manage"),
        signsForFinance: can(user, "programme.cosign"),
        requestsServices: can(user, "service.request"),
        informant,
        managesSpace: can(user, "space.manageServices"),
      },
      unreadNotifications,
      unreadMessages,
    },
    { headers },
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>("root");
  const locale: Locale = rootData?.locale ?? DEFAULT_LOCALE;
  const nonce = useNonce();
  return (
    <html lang={intlTag(locale)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#246d31" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        <PageMessages locale={locale} />
      </body>
    </html>
  );
}

export default function App() {
  const { user, toast, unreadNotifications, unreadMessages } = useLoaderData<typeof loader>();
  return (
    <>
      <SiteHeader user={user} unreadNotifications={unreadNotifications} unreadMessages={unreadMessages} />
      <OfflineBanner />
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-6 sm:py-10">
        {toast ? <ToastBanner toast={toast} /> : null}
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}

export function ErrorBoundary() {
  // The root loader may itself have failed (e.g. the database is down): then there is no user.
  const rootData = useRouteLoaderData<typeof loader>("root");
  return (
    <>
      <SiteHeader
        user={rootData?.user ?? null}
        unreadNotifications={rootData?.unreadNotifications ?? 0}
        unreadMessages={rootData?.unreadMessages ?? 0}
      />
      <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-10">
        <GeneralErrorBoundary />
      </main>
      <SiteFooter />
    </>
  );
}
