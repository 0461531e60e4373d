import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AccessDenied, AdminShell } from "@/components/admin/AdminShell";
import { AuditLog } from "@/components/admin/AuditLog";
import { adminViewer } from "../viewer";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "admin" });
  return { title: t("metaTitle.audit") };
}

export default async function AdminAuditPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { user, allowed } = await adminViewer(locale, "/admin/audit", "admin.audit.read");
  if (!allowed) return <AccessDenied />;
  return (
    <AdminShell viewer={user} active="audit">
      <AuditLog />
    </AdminShell>
  );
}
