"use client";
import { Suspense, useState } from "react";
import { signOut } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { Link, usePathname } from "@/i18n/navigation";
import { LanguageSwitch } from "./LanguageSwitch";
import { canGlobally } from "@/core/permissions";
import type { GlobalRole } from "@/core/roles";

interface HeaderUser {
  name: string;
  globalRole?: GlobalRole;
  /** A setup step (password change, 2FA enrolment) is pending: no navigation until it is done. */
  restricted?: boolean;
}

const navLinkClass = (current: boolean) =>
  current
    ? "rounded-md bg-accent-50 px-3 py-1.5 font-medium text-accent-800"
    : "rounded-md px-3 py-1.5 font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900";

/** App bar: home link, the user's navigation and identity, sign-out, and the language switch. */
export function Header({ user }: { user: HeaderUser | null }) {
  const t = useTranslations("nav");
  const tc = useTranslations("common");
  const locale = useLocale();
  const pathname = usePathname();
  const [signingOut, setSigningOut] = useState(false);

  async function onSignOut() {
    setSigningOut(true);
    // Clears the session cookie, then a full navigation to the landing page. redirect: false
    // because next-auth would build an absolute URL from NEXTAUTH_URL, which may be unset.
    try {
      await signOut({ redirect: false });
    } finally {
      window.location.assign(`/${locale}`);
    }
  }

  const onMeetings = pathname === "/meetings" || pathname.startsWith("/meetings/");
  const onRecords = pathname === "/records";
  const onAdmin = pathname === "/admin" || pathname.startsWith("/admin/");
  const onAccount = pathname.startsWith("/account");
  const viewer = user?.globalRole ? { globalRole: user.globalRole } : null;
  const seesAdmin = canGlobally(viewer, "admin.users.list") || canGlobally(viewer, "admin.audit.read");
  const seesRecords = canGlobally(viewer, "record.list");

  return (
    <header className="border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="flex items-center gap-2 rounded-md text-slate-900">
          <span
            aria-hidden="true"
            className="grid size-8 place-items-center rounded-lg bg-accent-600 text-sm font-bold text-white"
          >
            O
          </span>
          <span className="text-base font-semibold tracking-tight">{tc("appName")}</span>
        </Link>

        {user && !user.restricted && (
          <nav aria-label={t("mainNavigation")} className="flex items-center gap-1 text-sm">
            <Link
              href="/meetings"
              aria-current={onMeetings ? "page" : undefined}
              className={navLinkClass(onMeetings)}
            >
              {t("myMeetings")}
            </Link>
            {seesRecords && (
              <Link
                href="/records"
                aria-current={onRecords ? "page" : undefined}
                data-testid="nav-records"
                className={navLinkClass(onRecords)}
              >
                {t("records")}
              </Link>
            )}
            {seesAdmin && (
              <Link
                href="/admin"
                aria-current={onAdmin ? "page" : undefined}
                data-testid="nav-admin"
                className={navLinkClass(onAdmin)}
              >
                {t("admin")}
              </Link>
            )}
          </nav>
        )}

        <div className="ml-auto flex items-center gap-3">
          {user ? (
            <>
              <span className="sr-only">{t("signedInAs", { name: user.name })}</span>
              {/* Visible from the sm breakpoint; on phones the row keeps sign-out and language. */}
              <Link
                href="/account/security"
                aria-label={t("accountOf", { name: user.name })}
                aria-current={onAccount ? "page" : undefined}
                title={t("signedInAs", { name: user.name })}
                data-testid="current-user-name"
                className="hidden max-w-48 truncate rounded-md px-2 py-1 text-sm font-medium text-slate-800 hover:bg-slate-100 sm:inline"
              >
                {user.name}
              </Link>
              <button
                type="button"
                onClick={onSignOut}
                disabled={signingOut}
                data-testid="sign-out"
                className="btn-secondary whitespace-nowrap px-3 py-1.5"
              >
                {signingOut ? t("signingOut") : t("signOut")}
              </button>
            </>
          ) : (
            <>
              <Link href="/sign-in" className="btn-ghost whitespace-nowrap px-3 py-1.5">
                {t("signIn")}
              </Link>
              <Link href="/sign-up" className="btn-primary whitespace-nowrap px-3 py-1.5">
                {t("signUp")}
              </Link>
            </>
          )}
          <Suspense fallback={null}>
            <LanguageSwitch />
          </Suspense>
        </div>
      </div>
    </header>
  );
}
