import { getTranslations, setRequestLocale } from "next-intl/server";
import { requireUser } from "@/server/auth/current-user";
import { MeetingRoom } from "@/components/room/MeetingRoom";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "a11y.titles" });
  return { title: t("room") };
}

export default async function MeetingPage({
  params,
}: {
  params: Promise<{ locale: string; meetingId: string }>;
}) {
  const { locale, meetingId } = await params;
  setRequestLocale(locale);
  await requireUser(locale, `/meetings/${meetingId}`);
  return <MeetingRoom meetingId={meetingId} />;
}
