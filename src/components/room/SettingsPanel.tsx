"use client";
import { useTranslations } from "next-intl";
import type { RoomPage as Room } from "@/core/room/views";
import { ChoiceSelect } from "@/components/ui/ChoiceSelect";
import type { RoomActions } from "./useRoomActions";

const TURN_LIMITS = [null, 30, 60, 120, 180, 300, 600] as const;

export function TurnLimitSelect({
  room,
  actions,
  busy,
}: {
  room: Room;
  actions: RoomActions;
  busy: boolean;
}) {
  const t = useTranslations("room.settings");
  const label = (sec: number | null) =>
    sec === null ? t("none") : sec < 60 ? t("seconds", { count: sec }) : t("minutes", { count: sec / 60 });
  return (
    <label className="flex items-center gap-2 text-sm text-slate-600">
      {t("turnLimit")}
      <ChoiceSelect
        className="rounded-md border border-slate-300 bg-white px-2 py-1"
        value={String(room.meeting.turnLimitSec ?? "")}
        busy={busy}
        disabled={room.me?.can["meeting.configure"] !== null}
        onChoose={(v) =>
          actions.configure.mutate({
            meetingId: room.meeting.id,
            turnLimitSec: v === "" ? null : Number(v),
          })
        }
      >
        {TURN_LIMITS.map((sec) => (
          <option key={sec ?? "none"} value={sec ?? ""}>
            {label(sec)}
          </option>
        ))}
      </ChoiceSelect>
    </label>
  );
}
