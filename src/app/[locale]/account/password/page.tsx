import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { routing } from "@/i18n/routing";
import { continuePath } from "@/lib/auth-paths";
import { requireUser } from "@/server/auth/current-user";
import { AccountShell } from "@/components/account/AccountShell";
import { ChangePasswordForm } from "@/components/account/ChangePasswordForm";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "account" });
  return { title: t("metaTitle.password") };
}

/** Own password; also where an account with a one-time password must first choose its own. */
export default async function PasswordPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requireUser(locale, "/account/password", { allow: "PASSWORD_CHANGE" });
  const mustChange = user.restriction === "PASSWORD_CHANGE";
  const t = await getTranslations("account");
  const raw = (await searchParams).callbackUrl;
  return (
    <AccountShell
      email={user.email}
      active="password"
      showTabs={!mustChange}
      notice={mustChange ? t("required.password") : null}
    >
      <section aria-labelledby="password-title" className="card p-6">
        <h2 id="password-title" className="text-lg font-semibold text-slate-900">
          {t("password.title")}
        </h2>
        <p className="mt-1 mb-5 text-sm text-slate-600">{t("password.intro")}</p>
        <ChangePasswordForm
          continueTo={
            mustChange ? continuePath(typeof raw === "string" ? raw : null, locale, routing.locales) : null
          }
        />
      </section>
    </AccountShell>
  );
}
