import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { redirect } from "next/navigation";
import { routing } from "@/i18n/routing";
import { afterSignInPath } from "@/lib/auth-paths";
import { getCurrentUser } from "@/server/auth/current-user";

export type AuthPageProps = {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const authMetadata =
  (page: "signIn" | "signUp") =>
  async ({ params }: AuthPageProps): Promise<Metadata> => {
    const { locale } = await params;
    const t = await getTranslations({ locale, namespace: "auth" });
    return { title: t(`${page}.metaTitle`) };
  };

/**
 * Where the sign-in or sign-up page sends the user afterwards (its safe `callbackUrl`); someone
 * already signed in goes there at once.
 */
export async function signedOutTarget({ params, searchParams }: AuthPageProps) {
  const { locale } = await params;
  setRequestLocale(locale);
  const raw = (await searchParams).callbackUrl;
  const target = afterSignInPath(typeof raw === "string" ? raw : null, locale, routing.locales);
  if (await getCurrentUser()) redirect(target);
  return { locale, target };
}
