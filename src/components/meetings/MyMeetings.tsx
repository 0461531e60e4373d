"use client";
import { useTranslations } from "next-intl";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@/i18n/navigation";
import { useTRPC } from "@/lib/trpc/react";
import { Card } from "@/components/ui/Card";
import type { Phase } from "@/core/phases/phase";

export function MyMeetings() {
  const t = useTranslations("meetings");
  const trpc = useTRPC();
  const mine = useQuery(trpc.meetings.mine.queryOptions());
  return (
    <Card title={t("title")}>
      {mine.data?.length === 0 && <p className="text-sm text-slate-500">{t("empty")}</p>}
      <ul className="divide-y divide-slate-100" data-testid="my-meetings">
        {mine.data?.map((m) => (
          <li key={m.meetingId}>
            <Link
              href={`/meetings/${m.meetingId}`}
              className="flex items-center gap-3 rounded-lg px-2 py-3 hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-500"
            >
              <span className="flex-1">
                <span className="block font-medium text-slate-900">{m.title}</span>
                <span className="text-xs text-slate-500">
                  {t(`roles.${m.role}`)} · {t("list.members", { count: m.members })}
                </span>
              </span>
              <span className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs text-indigo-700">
                {t(`phases.${m.phase as Phase}`)}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </Card>
  );
}
