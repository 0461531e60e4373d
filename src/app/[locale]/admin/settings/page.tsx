import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { canGlobally } from "@/core/permissions";
import { AccessDenied, AdminShell } from "@/components/admin/AdminShell";
import { TwoFactorPolicyForm } from "@/components/admin/TwoFactorPolicyForm";
import { adminViewer } from "../viewer";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "admin" });
  return { title: t("metaTitle.settings") };
}

export default async function AdminSettingsPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { user, allowed } = await adminViewer(locale, "/admin/settings", "admin.settings.read");
  if (!allowed) return <AccessDenied />;
  return (
    <AdminShell viewer={user} active="settings">
      <TwoFactorPolicyForm canEdit={canGlobally(user, "admin.settings.update")} />
    </AdminShell>
  );
}
