"use client";
import { useRefusalText } from "@/lib/errors/useRefusalText";
import { useEffect, useRef } from "react";
import { useTranslations } from "next-intl";
import { useMutation } from "@tanstack/react-query";
import { Link, useRouter } from "@/i18n/navigation";
import { useTRPC } from "@/lib/trpc/react";

/** Opening a join link joins at once and goes to the room. */
export function JoinMeeting({ inviteCode }: { inviteCode: string }) {
  const t = useTranslations("meetings.join");
  const errorText = useRefusalText();
  const trpc = useTRPC();
  const router = useRouter();
  const join = useMutation(
    trpc.meetings.join.mutationOptions({
      onSuccess: ({ meetingId }) => router.replace(`/meetings/${meetingId}`),
    }),
  );
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    join.mutate({ inviteCode });
  }, [join, inviteCode]);
  return (
    <div className="mx-auto max-w-lg p-8 text-center">
      {join.isError ? (
        <>
          <p role="alert" className="rounded-xl bg-rose-50 p-4 text-rose-800">
            {t("failed", { message: errorText(join.error) })}
          </p>
          <Link href="/meetings" className="mt-4 inline-block text-indigo-700 underline">
            {t("back")}
          </Link>
        </>
      ) : (
        <p className="text-slate-600">{t("joining")}</p>
      )}
    </div>
  );
}
