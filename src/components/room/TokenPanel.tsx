"use client";
import { useTranslations } from "next-intl";
import type { RoomPage as Room } from "@/core/room/views";
import { formatDuration } from "@/lib/format";
import { Card } from "@/components/ui/Card";
import type { ButtonVariant } from "@/components/ui/Button";
import type { Action } from "@/core/permissions";
import { focusHome } from "@/lib/a11y/focus";
import { ActionButton } from "./ActionButton";
import { Countdown } from "./Countdown";
import type { RoomActions } from "./useRoomActions";

/** The floor's holder line: where focus goes once the floor is given from the queue. */
export const TOKEN_HOLDER_ID = "token-holder";

/** What my one floor button does, by where I stand: holding, queued, or neither. */
const MY_FLOOR = {
  release: { action: "token.release", variant: "primary", testId: "release-token" },
  withdraw: { action: "token.withdraw", variant: "secondary", testId: "withdraw-token" },
  request: { action: "token.request", variant: "primary", testId: "request-token" },
} as const satisfies Record<string, { action: Action; variant: ButtonVariant; testId: string }>;

export function TokenPanel({
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
  const t = useTranslations("room.token");
  const tq = useTranslations("room.queue");
  const me = room.me!;
  const ref = { meetingId: room.meeting.id };
  const holder = room.holder;
  const isMe = holder?.userId === me.userId;
  const myPlace = room.queue.find((q) => q.userId === me.userId);
  const call = isMe ? "release" : myPlace ? "withdraw" : "request";
  const mine = MY_FLOOR[call];

  return (
    <Card title={t("heading")}>
      <div
        id={TOKEN_HOLDER_ID}
        {...focusHome}
        data-testid="token-holder"
        data-holder-id={holder?.userId ?? ""}
        className={`rounded-xl p-5 ${holder ? (isMe ? "bg-emerald-50 ring-2 ring-emerald-400" : "bg-indigo-50 ring-1 ring-indigo-200") : "bg-slate-50 ring-1 ring-slate-200"}`}
      >
        {holder ? (
          <>
            <p className="text-2xl font-semibold text-slate-900">
              {isMe ? t("you") : t("holder", { name: holder.name })}
            </p>
            <p className="mt-1 font-mono text-slate-600">
              {t("elapsed", { elapsed: formatDuration(now - new Date(holder.since).getTime()) })}
            </p>
            {holder.endsAt && (
              <Countdown
                endsAt={holder.endsAt}
                now={now}
                text={(remaining) => t("remaining", { remaining })}
              />
            )}
          </>
        ) : (
          <>
            <p className="text-2xl font-semibold text-slate-900">{t("free")}</p>
            <p className="mt-1 text-sm text-slate-600">{t("freeHint")}</p>
          </>
        )}
      </div>

      <div className="mt-4 flex flex-wrap items-center gap-2">
        {myPlace && (
          <span className="text-sm font-medium text-indigo-700">
            {tq("yourPosition", { position: myPlace.position })}
          </span>
        )}
        {/* One button, whatever it does now (ask, withdraw, pass): pressing it changes its label,
            not the element, so keyboard focus stays on it. */}
        <ActionButton
          data-testid={mine.testId}
          variant={mine.variant}
          denied={me.can[mine.action]}
          disabled={busy}
          onClick={() => actions[call].mutate(ref)}
        >
          {call === "request" && room.takesAtOnce ? t("take") : t(call)}
        </ActionButton>
        {holder && !isMe && me.can["token.revoke"] === null && (
          <ActionButton
            variant="danger"
            denied={null}
            disabled={busy}
            onClick={() => actions.revoke.mutate(ref)}
          >
            {t("revoke", { name: holder.name })}
          </ActionButton>
        )}
      </div>
      {me.followsOnly && <p className="mt-3 text-sm text-slate-500">{t("observerHint")}</p>}
      {room.moves.final && <p className="mt-3 text-sm text-slate-500">{t("closedHint")}</p>}
    </Card>
  );
}
