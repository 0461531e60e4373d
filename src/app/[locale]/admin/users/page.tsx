import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AccessDenied, AdminShell } from "@/components/admin/AdminShell";
import { UsersAdmin } from "@/components/admin/UsersAdmin";
import { adminViewer } from "../viewer";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "admin" });
  return { title: t("metaTitle.users") };
}

export default async function AdminUsersPage({ params }: Props) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { user, allowed } = await adminViewer(locale, "/admin/users", "admin.users.list");
  if (!allowed) return <AccessDenied />;
  return (
    <AdminShell viewer={user} active="users">
      <UsersAdmin currentUserId={user.userId} />
    </AdminShell>
  );
}
