import { redirect } from "next/navigation";
import { setRequestLocale } from "next-intl/server";
import { requireUser } from "@/server/auth/current-user";
import { AccessDenied, adminTabsFor } from "@/components/admin/AdminShell";

/** /admin: the first console page this viewer may open. */
export default async function AdminPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requireUser(locale, "/admin");
  const [first] = adminTabsFor(user);
  if (!first) return <AccessDenied />;
  redirect(`/${locale}${first.href}`);
}
