import { getTranslations, setRequestLocale } from "next-intl/server";
import { requireUser } from "@/server/auth/current-user";
import { MyMeetings } from "@/components/meetings/MyMeetings";
import { CreateMeetingForm } from "@/components/meetings/CreateMeetingForm";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "a11y.titles" });
  return { title: t("meetings") };
}

export default async function MeetingsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireUser(locale, "/meetings");
  const t = await getTranslations("a11y.titles");
  return (
    <div className="mx-auto grid max-w-5xl gap-6 px-4 py-8 md:grid-cols-5">
      <h1 className="text-2xl font-bold text-slate-900 md:col-span-5">{t("meetings")}</h1>
      <div className="md:col-span-3">
        <MyMeetings />
      </div>
      <div className="md:col-span-2">
        <CreateMeetingForm />
      </div>
    </div>
  );
}
