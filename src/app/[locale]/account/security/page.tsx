import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { routing } from "@/i18n/routing";
import { continuePath } from "@/lib/auth-paths";
import { requireUser } from "@/server/auth/current-user";
import { AccountShell } from "@/components/account/AccountShell";
import { TwoFactorPanel } from "@/components/account/TwoFactorPanel";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "account" });
  return { title: t("metaTitle.security") };
}

/** Own 2FA; also where the policy sends an account that must enrol before anything else. */
export default async function SecurityPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requireUser(locale, "/account/security", { allow: "TWO_FACTOR_ENROLMENT" });
  const mustEnrol = user.restriction === "TWO_FACTOR_ENROLMENT";
  const t = await getTranslations("account");
  const raw = (await searchParams).callbackUrl;
  return (
    <AccountShell
      email={user.email}
      active="security"
      showTabs={!mustEnrol}
      notice={mustEnrol ? t("required.enrol") : null}
    >
      <TwoFactorPanel
        email={user.email}
        continueTo={
          mustEnrol ? continuePath(typeof raw === "string" ? raw : null, locale, routing.locales) : null
        }
      />
    </AccountShell>
  );
}
