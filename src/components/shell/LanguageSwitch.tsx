"use client";
import { useSearchParams } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { Link, usePathname } from "@/i18n/navigation";
import { routing } from "@/i18n/routing";

/**
 * EN / FR links to the current page in the other language (path and query kept). Plain links, so
 * they work before hydration and with the keyboard; next-intl's proxy remembers the choice.
 */
export function LanguageSwitch() {
  const t = useTranslations("nav");
  const current = useLocale();
  const pathname = usePathname(); // without the locale prefix
  const search = useSearchParams()?.toString();
  const href = search ? `${pathname}?${search}` : pathname;

  return (
    <nav
      aria-label={t("language")}
      className="flex items-center rounded-md border border-slate-300 bg-white p-0.5 text-xs font-semibold"
    >
      {routing.locales.map((locale) => {
        const active = locale === current;
        const language = t(`languages.${locale}`);
        return (
          <Link
            key={locale}
            href={href}
            locale={locale}
            lang={locale}
            hrefLang={locale}
            aria-current={active ? "true" : undefined}
            data-testid={`lang-${locale}`}
            className={
              active
                ? "rounded bg-slate-800 px-2 py-1 text-white"
                : "rounded px-2 py-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
            }
          >
            {locale.toUpperCase()}
            {/* The name starts with the visible text (WCAG 2.5.3), then says what the link does. */}
            <span className="sr-only">: {active ? language : t("switchTo", { language })}</span>
          </Link>
        );
      })}
    </nav>
  );
}
