import { Form, Link, useLocation } from "@remix-run/react";
import { useT } from "~/i18n/use-t";

interface HeaderUser {
  displayName: string;
}

export function LanguageSwitch() {
  const { t, locale } = useT();
  const location = useLocation();
  return (
    <Form method="post" action="/language" className="inline">
      <input type="hidden" name="locale" value={locale === "zh" ? "en" : "zh"} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" className="btn min-h-9 px-2 py-1 text-sm text-stone-700 hover:bg-stone-100" lang={locale === "zh" ? "en" : "zh"}>
        {t("lang.switchTo")}
      </button>
    </Form>
  );
}

export function SiteHeader({ user }: { user: HeaderUser | null }) {
  const { t } = useT();
  return (
    <header className="border-b border-stone-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        {t("nav.skip")}
      </a>
      <nav aria-label={t("nav.main")} className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2">
        <Link to="/" className="mr-auto flex items-baseline gap-2 py-2 text-brand-800">
          <span className="text-xl font-bold">{t("app.name")}</span>
          <span className="hidden text-sm text-stone-600 sm:inline">{t("app.tagline")}</span>
        </Link>
        {user ? (
          <>
            <Link to="/account" className="btn min-h-9 px-2 py-1 text-sm text-stone-700 hover:bg-stone-100">
              {t("nav.account")}
            </Link>
            <Form method="post" action="/logout" className="inline">
              <button type="submit" className="btn min-h-9 px-2 py-1 text-sm text-stone-700 hover:bg-stone-100">
                {t("nav.logout")}
              </button>
            </Form>
          </>
        ) : (
          <>
            <Link to="/login" className="btn min-h-9 px-2 py-1 text-sm text-stone-700 hover:bg-stone-100">
              {t("nav.login")}
            </Link>
            <Link to="/register" className="btn-primary min-h-9 px-3 py-1 text-sm">
              {t("nav.register")}
            </Link>
          </>
        )}
        <LanguageSwitch />
      </nav>
    </header>
  );
}

export function SiteFooter() {
  const { t } = useT();
  return (
    <footer className="border-t border-stone-200 bg-white">
      <div className="mx-auto max-w-5xl px-4 py-6 text-sm text-stone-600">
        <p>{t("footer.plan")}</p>
      </div>
    </footer>
  );
}
