import { setRequestLocale } from "next-intl/server";
import { requireUser } from "@/server/auth/current-user";
import { MyMeetings } from "@/components/meetings/MyMeetings";
import { CreateMeetingForm } from "@/components/meetings/CreateMeetingForm";

export default async function MeetingsPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  await requireUser(locale, "/meetings");
  return (
    <div className="mx-auto grid max-w-5xl gap-6 px-4 py-8 md:grid-cols-5">
      <div className="md:col-span-3">
        <MyMeetings />
      </div>
      <div className="md:col-span-2">
        <CreateMeetingForm />
      </div>
    </div>
  );
}
