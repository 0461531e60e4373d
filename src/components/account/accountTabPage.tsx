import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { routing } from "@/i18n/routing";
import { canGlobally } from "@/core/permissions";
import { continuePath } from "@/lib/auth-paths";
import { requireUser } from "@/server/auth/current-user";
import { AccountShell, type AccountTab } from "./AccountShell";

type PageProps = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

type AccountT = Awaited<ReturnType<typeof getTranslations<"account">>>;

/** The set-up step each tab doubles as: the restriction it lifts and the notice that says so. */
const STEPS = {
  password: { restriction: "PASSWORD_CHANGE", notice: "required.password" },
  security: { restriction: "TWO_FACTOR_ENROLMENT", notice: "required.enrol" },
} as const satisfies Record<AccountTab, unknown>;

export const accountTabMetadata =
  (tab: AccountTab) =>
  async ({ params }: PageProps): Promise<Metadata> => {
    const { locale } = await params;
    const t = await getTranslations({ locale, namespace: "account" });
    return { title: t(`metaTitle.${tab}`) };
  };

/**
 * An account tab's page. While its step is pending (a one-time password to replace, 2FA to
 * enrol in) the tabs are hidden, a notice says why, and `continueTo` is where to go once done.
 * An administrator sent to enrolment (the first account becomes one on signing up) is told
 * first that it is now the administrator, and why that needs an authenticator app.
 */
export function accountTabPage(
  tab: AccountTab,
  body: (page: { email: string; continueTo: string | null; t: AccountT }) => ReactNode,
) {
  const step = STEPS[tab];
  return async function AccountTabPage({ params, searchParams }: PageProps) {
    const { locale } = await params;
    setRequestLocale(locale);
    const user = await requireUser(locale, `/account/${tab}`, { allow: step.restriction });
    const pending = user.restriction === step.restriction;
    // Whoever may hand out roles is the instance's administrator (the permission table says who).
    const administers = canGlobally(user, "admin.users.setRole");
    const t = await getTranslations("account");
    const raw = (await searchParams).callbackUrl;
    const continueTo = pending
      ? continuePath(typeof raw === "string" ? raw : null, locale, routing.locales)
      : null;
    return (
      <AccountShell
        email={user.email}
        active={tab}
        showTabs={!pending}
        notice={pending ? t(administers && tab === "security" ? "required.enrolAdmin" : step.notice) : null}
      >
        {body({ email: user.email, continueTo, t })}
      </AccountShell>
    );
  };
}
