"use client";
import { useTranslations } from "next-intl";
import type { RoomPage as Room } from "@/core/room/views";
import { MEMBER_ROLES, type MemberRole } from "@/core/roles";
import { Card } from "@/components/ui/Card";
import { ChoiceSelect } from "@/components/ui/ChoiceSelect";
import type { RoomActions } from "./useRoomActions";

export function MembersPanel({ room, actions, busy }: { room: Room; actions: RoomActions; busy: boolean }) {
  const t = useTranslations("room.members");
  const tr = useTranslations("meetings.roles");
  const me = room.me!;
  const canSetRole = me.can["meeting.setRole"] === null;
  return (
    <Card title={t("heading")}>
      <ul className="space-y-2" data-testid="members">
        {room.members.map((m) => (
          <li key={m.userId} className="flex items-center gap-2" data-testid="member" data-user-id={m.userId}>
            <span
              className={`h-2.5 w-2.5 rounded-full ${m.online ? "bg-emerald-500" : "bg-slate-300"}`}
              role="img"
              title={m.online ? t("online") : t("offline")}
              aria-label={m.online ? t("online") : t("offline")}
            />
            <span className="flex-1 truncate">
              {m.name} {m.userId === me.userId && <span className="text-slate-500">{t("you")}</span>}
            </span>
            {canSetRole ? (
              <ChoiceSelect
                aria-label={t("roleLabel", { name: m.name })}
                className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs"
                value={m.role}
                busy={busy}
                onChoose={(v) =>
                  actions.setRole.mutate({
                    meetingId: room.meeting.id,
                    userId: m.userId,
                    role: v as MemberRole,
                  })
                }
              >
                {MEMBER_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {tr(r)}
                  </option>
                ))}
              </ChoiceSelect>
            ) : (
              <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600">
                {tr(m.role)}
              </span>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
