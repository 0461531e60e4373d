"use client";
import { useTranslations } from "next-intl";
import type { Room } from "@/lib/trpc/types";
import { Card } from "@/components/ui/Card";
import { RecordStatus } from "./RecordStatus";
import { DownloadLinks } from "./DownloadLinks";

/** The meeting's record in the room: is the chain intact, and (when allowed) the downloads. */
export function RecordPanel({ room }: { room: Room }) {
  const t = useTranslations("records.panel");
  const can = room.me!.can;
  const exportDenial = can["record.export"];
  return (
    <Card title={t("heading")}>
      <RecordStatus meetingId={room.meeting.id} />
      <div className="mt-4 space-y-2">
        {exportDenial === null ? (
          <>
            <p className="text-sm font-medium text-slate-700">{t("downloads")}</p>
            <DownloadLinks meetingId={room.meeting.id} />
            <p className="text-xs text-slate-500">{t("recorded")}</p>
          </>
        ) : (
          exportDenial === "PHASE" && <p className="text-sm text-slate-500">{t("availableWhenClosed")}</p>
        )}
      </div>
    </Card>
  );
}
