import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { TabNav } from "@/components/ui/TabNav";

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
        <TabNav
          className="mt-6"
          label={t("nav.label")}
          tabs={TABS.map((tab) => ({ ...tab, text: t(`nav.${tab.id}`) }))}
          active={active}
        />
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
