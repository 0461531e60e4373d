import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { redirect } from "next/navigation";
import { routing } from "@/i18n/routing";
import { afterSignInPath } from "@/lib/auth-paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { getDeps } from "@/server/deps";
import { accountStatus } from "@/server/services/accounts";
import { SignUpForm } from "@/components/auth/SignUpForm";
import { AuthCard } from "@/components/auth/AuthCard";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "auth" });
  return { title: t("signUp.metaTitle") };
}

export default async function SignUpPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const raw = (await searchParams).callbackUrl;
  const target = afterSignInPath(typeof raw === "string" ? raw : null, locale, routing.locales);
  if (await getCurrentUser()) redirect(target);

  const [t, status] = await Promise.all([getTranslations("auth"), accountStatus(getDeps().db)]);
  return (
    <AuthCard title={t("signUp.title")} subtitle={t("signUp.subtitle")}>
      <SignUpForm target={target} firstAdmin={status.firstUserBecomesAdmin} />
    </AuthCard>
  );
}
