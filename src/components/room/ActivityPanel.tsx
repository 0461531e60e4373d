"use client";
import { useFormatter, useTranslations } from "next-intl";
import type { RoomEnvelope as EventEnvelope } from "@/core/room/envelope";
import type { RoomPage as Room } from "@/core/room/views";
import { Card } from "@/components/ui/Card";
import { useEventText } from "./useEventText";

/** The meeting's log, newest first, in words. */
export function ActivityPanel({ room, events }: { room: Room; events: EventEnvelope[] }) {
  const t = useTranslations("room.activity");
  const format = useFormatter();
  const describe = useEventText(room.people);
  return (
    <Card title={t("heading")}>
      {events.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        // Scrolls: focusable so that keyboard users can scroll it too (WCAG 2.1.1).
        <ol
          tabIndex={0}
          aria-label={t("heading")}
          className="max-h-80 space-y-1.5 overflow-y-auto rounded-md text-sm"
          data-testid="activity"
        >
          {events.map(({ seq, at, actorId, event }) => (
            <li key={seq} className="flex gap-2">
              <time className="shrink-0 font-mono text-xs text-slate-500" dateTime={at}>
                {format.dateTime(new Date(at), { hour: "2-digit", minute: "2-digit", second: "2-digit" })}
              </time>
              <span className="text-slate-700">{describe({ actorId, event })}</span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
