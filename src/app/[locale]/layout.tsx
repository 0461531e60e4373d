import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { NextIntlClientProvider } from "next-intl";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { Providers } from "@/lib/trpc/provider";
import { isAppLocale, routing } from "@/i18n/routing";
import { getCurrentUser } from "@/server/auth/current-user";
import { Header } from "@/components/shell/Header";
import "../globals.css";

type Props = { children: ReactNode; params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({
    locale: isAppLocale(locale) ? locale : routing.defaultLocale,
    namespace: "common",
  });
  return {
    title: { default: t("appName"), template: `%s · ${t("appName")}` },
    description: t("metaDescription"),
    // The files of public/ (scripts/app-icons.mjs draws the PNGs and the .ico from the SVG's mark).
    manifest: "/manifest.webmanifest",
    icons: {
      icon: [
        { url: "/favicon.ico", sizes: "32x32" },
        { url: "/icon.svg", type: "image/svg+xml" },
      ],
      apple: "/apple-touch-icon.png",
    },
  };
}

export const viewport: Viewport = { themeColor: "#4f46e5" };

export default async function LocaleLayout({ children, params }: Props) {
  const { locale } = await params;
  if (!isAppLocale(locale)) notFound();
  setRequestLocale(locale);
  const [user, t] = await Promise.all([getCurrentUser(), getTranslations("common")]);

  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col">
        <NextIntlClientProvider>
          <Providers>
            <a
              href="#main"
              className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-accent-700 shadow focus:not-sr-only focus:fixed focus:left-3 focus:top-3"
            >
              {t("skipToContent")}
            </a>
            <Header
              user={
                user
                  ? { name: user.name, globalRole: user.globalRole, restricted: Boolean(user.restriction) }
                  : null
              }
            />
            <main id="main" tabIndex={-1} className="flex-1 focus:outline-none">
              {children}
            </main>
          </Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
