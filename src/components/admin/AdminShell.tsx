import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { TabNav } from "@/components/ui/TabNav";
import { canGlobally, type GlobalViewer } from "@/core/permissions";

type AdminTab = "users" | "settings" | "audit";

/** Each tab and the matrix row that opens it (core/permissions.ts). */
const ADMIN_TABS = [
  { id: "users", href: "/admin/users", action: "admin.users.list" },
  { id: "settings", href: "/admin/settings", action: "admin.settings.read" },
  { id: "audit", href: "/admin/audit", action: "admin.audit.read" },
] as const;

export const adminTabsFor = (viewer: GlobalViewer) =>
  ADMIN_TABS.filter((tab) => canGlobally(viewer, tab.action));

/** The frame of the admin console: heading and the tabs this viewer may open. */
export async function AdminShell({
  viewer,
  active,
  children,
}: {
  viewer: GlobalViewer;
  active: AdminTab;
  children: ReactNode;
}) {
  const t = await getTranslations("admin");
  const tabs = adminTabsFor(viewer);
  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t("title")}</h1>
      {tabs.length > 1 && (
        <TabNav
          className="mt-5"
          label={t("nav.label")}
          tabs={tabs.map((tab) => ({ ...tab, text: t(`nav.${tab.id}`) }))}
          active={active}
        />
      )}
      <div className="mt-6">{children}</div>
    </div>
  );
}

/** Shown instead of a page the viewer's role does not open. */
export async function AccessDenied() {
  const t = await getTranslations("admin.denied");
  return (
    <div className="mx-auto max-w-xl px-4 py-16">
      <div className="card p-6" data-testid="access-denied">
        <h1 className="text-xl font-semibold text-slate-900">{t("title")}</h1>
        <p className="mt-2 text-sm text-slate-600">{t("body")}</p>
      </div>
    </div>
  );
}
