import { Link, NavLink, useLocation } from "@remix-run/react";
import { Form } from "~/components/form";
import { forgetOfflinePages } from "~/components/offline-banner";
import { deferred } from "~/components/deferred";
import type { MessageKey } from "~/i18n/i18n";
import { useT } from "~/i18n/use-t";

// Only a logged-in person has the badges (and their live socket code): a visitor's first view
// does not carry them.
const MessagesBadge = deferred(
  () => import("~/components/chat/messages-badge").then((module) => module.MessagesBadge),
  { quiet: true },
);
const NotificationBadge = deferred(
  () => import("~/components/notification-badge").then((module) => module.NotificationBadge),
  { quiet: true },
);

interface HeaderUser {
  id: string;
  displayName: string;
  managesFinance?: boolean;
  signsForFinance?: boolean;
  bureau?: boolean;
  requestsServices?: boolean;
  informant?: boolean;
  managesSpace?: boolean;
}

export function LanguageSwitch() {
  const { t, locale } = useT();
  const location = useLocation();
  return (
    // A whole new page: it arrives with the other language's messages embedded (app/i18n/page-messages.tsx).
    <Form method="post" action="/language" className="inline" reloadDocument>
      <input type="hidden" name="locale" value={locale === "zh" ? "en" : "zh"} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button
        type="submit"
        className="btn min-h-9 px-2 py-1 text-sm text-stone-700 hover:bg-stone-100"
        lang={locale === "zh" ? "en" : "zh"}
      >
        {t("lang.switchTo")}
      </button>
    </Form>
  );
}

const navLink =
  "btn min-h-9 shrink-0 whitespace-nowrap px-2 py-1 text-sm text-stone-700 hover:bg-stone-100 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-800";

interface NavItem {
  to: string;
  label: MessageKey;
  end?: boolean;
}

/** What everyone may browse. */
const PUBLIC_NAV: NavItem[] = [
  { to: "/search", label: "nav.search" },
  { to: "/needs", label: "nav.needs" },
  { to: "/offers", label: "nav.offers" },
  { to: "/services", label: "spaces.nav" },
  { to: "/spaces", label: "spaces.directory.nav" },
  { to: "/programmes", label: "nav.programmes" },
  { to: "/brands", label: "nav.brands" },
  { to: "/demos", label: "nav.demos" },
];

const SIGNED_IN_NAV: NavItem[] = [
  { to: "/workspace", label: "nav.workspace" },
  { to: "/agreements", label: "nav.agreements" },
  { to: "/wallet", label: "nav.wallet" },
  { to: "/trainings", label: "trainings.title" },
  { to: "/financing", label: "nav.financing" },
];

/** Pages only some roles open, each with the flag of the header's user that opens it. */
const ROLE_NAV: [keyof Omit<HeaderUser, "id" | "displayName">, NavItem][] = [
  ["informant", { to: "/informant", label: "reach.nav.informant" }],
  ["requestsServices", { to: "/requests", label: "nav.requests" }],
  ["managesSpace", { to: "/spaces/requests", label: "nav.requests" }],
  ["bureau", { to: "/bureau", label: "nav.bureau", end: true }],
  ["managesFinance", { to: "/admin/finance", label: "finance.title" }],
  ["signsForFinance", { to: "/bureau/finance", label: "cosign.nav" }],
];

/** A signed-in user's own pages come first: on a phone they are the ones in view, one tap away. */
function navItems(user: HeaderUser | null): NavItem[] {
  if (!user) return PUBLIC_NAV;
  const byRole = ROLE_NAV.filter(([flag]) => user[flag]).map(([, item]) => item);
  return [...SIGNED_IN_NAV, ...byRole, ...PUBLIC_NAV];
}

/**
 * The user's own menu (account, log out) folded behind one button, so the header's first row fits
 * a 360 px phone. A <details> element: it opens without JavaScript too.
 */
function UserMenu() {
  const { t } = useT();
  // A new page closes the menu.
  const { pathname } = useLocation();
  return (
    <details key={pathname} className="relative">
      <summary className={`${navLink} cursor-pointer list-none`}>{t("nav.meShort")}</summary>
      <div className="absolute right-0 z-20 mt-1 flex min-w-40 flex-col gap-1 rounded-lg border border-stone-200 bg-white p-2 shadow-lg">
        <NavLink to="/account" className={navLink}>
          {t("nav.account")}
        </NavLink>
        <Form method="post" action="/logout" onSubmit={forgetOfflinePages}>
          <button type="submit" className={`${navLink} w-full justify-start`}>
            {t("nav.logout")}
          </button>
        </Form>
      </div>
    </details>
  );
}

export function SiteHeader({
  user,
  unreadNotifications = 0,
  unreadMessages = 0,
}: {
  user: HeaderUser | null;
  unreadNotifications?: number;
  unreadMessages?: number;
}) {
  const { t } = useT();
  return (
    <header className="border-b border-stone-200 bg-white print:hidden">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2"
      >
        {t("nav.skip")}
      </a>
      <div className="mx-auto flex max-w-5xl items-center gap-x-1 px-3 py-2 sm:gap-x-2 sm:px-4">
        <Link to="/" className="mr-auto flex items-baseline gap-2 py-2 text-brand-800">
          <span className="text-xl font-bold">{t("app.name")}</span>
          <span className="hidden text-sm text-stone-600 sm:inline">{t("app.tagline")}</span>
        </Link>
        {user ? (
          <>
            <MessagesBadge unreadCount={unreadMessages} userId={user.id} />
            <NotificationBadge unreadCount={unreadNotifications} />
            <UserMenu />
          </>
        ) : (
          <>
            <NavLink to="/login" className={navLink}>
              {t("nav.login")}
            </NavLink>
            <Link to="/register" className="btn-primary min-h-9 px-3 py-1 text-sm">
              {t("nav.register")}
            </Link>
          </>
        )}
        <LanguageSwitch />
      </div>
      <nav aria-label={t("nav.main")} className="mx-auto flex max-w-5xl gap-1 overflow-x-auto px-2 pb-2">
        {navItems(user).map((item) => (
          <NavLink key={item.to} to={item.to} end={item.end} className={navLink}>
            {t(item.label)}
          </NavLink>
        ))}
      </nav>
    </header>
  );
}

export function SiteFooter() {
  const { t } = useT();
  return (
    <footer className="border-t border-stone-200 bg-white print:hidden">
      <div className="mx-auto max-w-5xl px-4 py-6 text-sm text-stone-600">
        <p>{t("footer.plan")}</p>
        <p className="mt-2 flex flex-wrap gap-x-4">
          <Link to="/privacy" className="link">
            {t("privacy.footerLink")}
          </Link>
          {/* The published ban list is public (plan §5): anyone should find it without a URL. */}
          <Link to="/bans" className="link">
            {t("bans.title")}
          </Link>
        </p>
      </div>
    </footer>
  );
}
