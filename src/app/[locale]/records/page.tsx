import { getTranslations, setRequestLocale } from "next-intl/server";
import { requireUser } from "@/server/auth/current-user";
import { canGlobally } from "@/core/permissions";
import { RecordsList } from "@/components/records/RecordsList";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "records.page" });
  return { title: t("title") };
}

/** Every meeting's record, for Auditors and Admins (the matrix's "record.list"). */
export default async function RecordsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requireUser(locale, `/${locale}/records`);
  const t = await getTranslations("records.page");
  const allowed = canGlobally(user, "record.list");
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <h1 className="text-2xl font-bold text-slate-900">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-sm text-slate-600">{t("intro")}</p>
      {allowed ? (
        <RecordsList />
      ) : (
        <p role="alert" className="mt-6 rounded-xl bg-amber-50 p-4 text-amber-900">
          {t("forbidden")}
        </p>
      )}
    </div>
  );
}
