"use client";
import { useTranslations } from "next-intl";
import type { RoomPage as Room } from "@/core/room/views";
import { formatDuration } from "@/lib/format";
import { Card } from "@/components/ui/Card";
import { ActionButton } from "./ActionButton";
import type { RoomActions } from "./useRoomActions";

export function QueuePanel({
  room,
  now,
  actions,
  busy,
}: {
  room: Room;
  now: number;
  actions: RoomActions;
  busy: boolean;
}) {
  const t = useTranslations("room.queue");
  const me = room.me!;
  const moderates = me.can["token.grant"] === null;
  return (
    <Card title={t("heading")}>
      {room.queue.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <ol className="divide-y divide-slate-100" data-testid="queue">
          {room.queue.map((q) => (
            <li
              key={q.userId}
              className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2"
              data-testid="queue-entry"
              data-user-id={q.userId}
            >
              <span className="w-8 text-center font-mono text-sm font-semibold text-indigo-700">
                {t("position", { position: q.position })}
              </span>
              <span className={`min-w-0 flex-1 truncate ${q.userId === me.userId ? "font-semibold" : ""}`}>
                {q.name}
              </span>
              <span className="font-mono text-xs text-slate-500">
                {t("waiting", { elapsed: formatDuration(now - new Date(q.since).getTime()) })}
              </span>
              {moderates && (
                // Moderation buttons wrap below the name as a group in a narrow column.
                <span className="flex gap-2 whitespace-nowrap">
                  <ActionButton
                    data-testid={`grant-${q.userId}`}
                    denied={me.can["token.grant"]}
                    disabled={busy}
                    onClick={() => actions.grant.mutate({ meetingId: room.meeting.id, userId: q.userId })}
                  >
                    {t("grant")}
                  </ActionButton>
                  <ActionButton
                    variant="ghost"
                    denied={me.can["token.dismiss"]}
                    disabled={busy}
                    onClick={() => actions.dismiss.mutate({ meetingId: room.meeting.id, userId: q.userId })}
                  >
                    {t("dismiss")}
                  </ActionButton>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
