import { getTranslations, setRequestLocale } from "next-intl/server";
import { requireUser } from "@/server/auth/current-user";
import { JoinMeeting } from "@/components/meetings/JoinMeeting";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "a11y.titles" });
  return { title: t("join") };
}

export default async function JoinPage({ params }: { params: Promise<{ locale: string; code: string }> }) {
  const { locale, code } = await params;
  setRequestLocale(locale);
  await requireUser(locale, `/join/${code}`);
  return <JoinMeeting inviteCode={code} />;
}
