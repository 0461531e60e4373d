"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { RoomPage as Room } from "@/core/room/views";
import { Card } from "@/components/ui/Card";
import { ChainBadge, RecordStatus } from "./RecordStatus";
import { DownloadLinks } from "./DownloadLinks";

/**
 * The meeting's record in the room: the chain as checked while events were appended (live, from
 * the room's state), the whole chain on demand, and (when allowed) the downloads.
 */
export function RecordPanel({ room }: { room: Room }) {
  const t = useTranslations("records.panel");
  const [wholeChain, setWholeChain] = useState(false);
  const can = room.me.can;
  const exportDenial = can["record.export"];
  const { ok, lastSeq, verifiedThrough } = room.record;
  return (
    <Card title={t("heading")}>
      <ChainBadge
        status={{ ok, lastSeq, verifiedThrough, brokenAt: ok ? null : verifiedThrough + 1, reason: null }}
      />
      <p className="mt-2 text-xs text-slate-600">{t("asAppended")}</p>
      {wholeChain ? (
        <div className="mt-3 space-y-1" aria-live="polite">
          <p className="text-xs font-medium text-slate-700">{t("wholeChain")}</p>
          <RecordStatus meetingId={room.meeting.id} />
        </div>
      ) : (
        <button
          type="button"
          className="btn-secondary mt-3 px-3 py-1.5 text-sm"
          onClick={() => setWholeChain(true)}
        >
          {t("verifyNow")}
        </button>
      )}
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
