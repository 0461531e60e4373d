import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { Link } from "@/i18n/navigation";

export type AccountTab = "security" | "password";

const TABS: { id: AccountTab; href: string }[] = [
  { id: "security", href: "/account/security" },
  { id: "password", href: "/account/password" },
];

/** The frame of the account pages: heading, tabs (hidden while a setup step is pending), notice. */
export async function AccountShell({
  email,
  active,
  showTabs,
  notice,
  children,
}: {
  email: string;
  active: AccountTab;
  showTabs: boolean;
  notice?: string | null;
  children: ReactNode;
}) {
  const t = await getTranslations("account");
  return (
    <div className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("title")}</h1>
      <p className="mt-1 text-sm text-slate-600">{t("subtitle", { email })}</p>
      {showTabs && (
        <nav aria-label={t("nav.label")} className="mt-6 flex gap-1 border-b border-slate-200">
          {TABS.map((tab) => (
            <Link
              key={tab.id}
              href={tab.href}
              aria-current={tab.id === active ? "page" : undefined}
              className={
                tab.id === active
                  ? "-mb-px border-b-2 border-accent-600 px-3 py-2 text-sm font-medium text-accent-800"
                  : "-mb-px border-b-2 border-transparent px-3 py-2 text-sm font-medium text-slate-600 hover:border-slate-300 hover:text-slate-900"
              }
            >
              {t(`nav.${tab.id}`)}
            </Link>
          ))}
        </nav>
      )}
      {notice && (
        <p role="note" className="notice-info mt-6" data-testid="setup-required">
          {notice}
        </p>
      )}
      <div className="mt-6">{children}</div>
    </div>
  );
}
