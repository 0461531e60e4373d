import { setRequestLocale } from "next-intl/server";
import { requireUser } from "@/server/auth/current-user";
import { JoinMeeting } from "@/components/meetings/JoinMeeting";

export default async function JoinPage({ params }: { params: Promise<{ locale: string; code: string }> }) {
  const { locale, code } = await params;
  setRequestLocale(locale);
  await requireUser(locale, `/join/${code}`);
  return <JoinMeeting inviteCode={code} />;
}
