"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { RoomPage as Room } from "@/core/room/views";
import { FLOOR_REASON_MAX } from "@/core/tokens/floor-events";
import { ActionButton } from "./ActionButton";
import type { RoomActions } from "./useRoomActions";

/** Open points of order (ahead of the queue), and the form to raise one. */
export function PointsOfOrder({ room, actions, busy }: { room: Room; actions: RoomActions; busy: boolean }) {
  const t = useTranslations("floor.points");
  const me = room.me!;
  const meetingId = room.meeting.id;
  const [reason, setReason] = useState("");
  const [declineWhy, setDeclineWhy] = useState("");
  const mine = room.floor.points.some((p) => p.userId === me.userId);
  const decides = me.can["floor.grantPoint"] === null;
  return (
    <div className="mb-3">
      {room.floor.points.length > 0 && (
        <section aria-label={t("heading")} className="mb-3 rounded-lg bg-amber-50 p-3 ring-2 ring-amber-400">
          <h3 className="text-sm font-semibold text-amber-900">{t("heading")}</h3>
          <ol data-testid="points-of-order">
            {room.floor.points.map((p) => (
              <li
                key={p.userId}
                data-testid="point-of-order"
                data-user-id={p.userId}
                className="py-1 text-sm"
              >
                <span className="font-semibold">{p.name}</span>: {p.reason}
                {decides && (
                  <span className="ml-2 inline-flex flex-wrap gap-2">
                    <ActionButton
                      data-testid={`grant-point-${p.userId}`}
                      denied={me.can["floor.grantPoint"]}
                      disabled={busy}
                      onClick={() => actions.grantPoint.mutate({ meetingId, userId: p.userId })}
                    >
                      {t("grant")}
                    </ActionButton>
                    <ActionButton
                      variant="ghost"
                      denied={me.can["floor.declinePoint"]}
                      disabled={busy}
                      onClick={() =>
                        actions.declinePoint.mutate({
                          meetingId,
                          userId: p.userId,
                          reason: declineWhy || null,
                        })
                      }
                    >
                      {t("decline")}
                    </ActionButton>
                    <input
                      aria-label={t("declineReason")}
                      placeholder={t("declineReason")}
                      maxLength={FLOOR_REASON_MAX}
                      value={declineWhy}
                      onChange={(e) => setDeclineWhy(e.target.value)}
                      className="rounded border border-slate-300 px-2 py-1 text-sm"
                    />
                  </span>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
      {mine ? (
        <p className="text-sm text-amber-800">{t("mine")}</p>
      ) : (
        me.can["floor.raisePoint"] === null && (
          <form
            className="flex flex-wrap items-center gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              actions.raisePoint.mutate({ meetingId, reason }, { onSuccess: () => setReason("") });
            }}
          >
            <input
              data-testid="point-reason"
              aria-label={t("reasonLabel")}
              placeholder={t("raise")}
              required
              maxLength={FLOOR_REASON_MAX}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-sm"
            />
            <ActionButton
              data-testid="raise-point"
              denied={null}
              disabled={busy || !reason.trim()}
              type="submit"
            >
              {t("submit")}
            </ActionButton>
          </form>
        )
      )}
    </div>
  );
}
