import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { redirect } from "next/navigation";
import { routing } from "@/i18n/routing";
import { afterSignInPath, homePath } from "@/lib/auth-paths";
import { getCurrentUser } from "@/server/auth/current-user";
import { SignInForm } from "@/components/auth/SignInForm";

type Props = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "auth" });
  return { title: t("signIn.metaTitle") };
}

export default async function SignInPage({ params, searchParams }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const raw = (await searchParams).callbackUrl;
  const target = afterSignInPath(typeof raw === "string" ? raw : null, locale, routing.locales);
  if (await getCurrentUser()) redirect(target);

  return <SignInForm target={target} showCallbackNotice={target !== homePath(locale)} />;
}
