"use client";
import { ChoiceSelect } from "@/components/ui/ChoiceSelect";
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { RoomPage as Room } from "@/core/room/views";
import { QUEUE_POLICIES, type QueuePolicy } from "@/core/tokens/ordering";
import { FLOOR_REASON_MAX } from "@/core/tokens/floor-events";
import { formatDuration } from "@/lib/format";
import { Card } from "@/components/ui/Card";
import { focusAfter } from "@/lib/a11y/focus";
import { ActionButton } from "./ActionButton";
import { TOKEN_HOLDER_ID } from "./TokenPanel";
import { PointsOfOrder } from "./PointsOfOrder";
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
  const tf = useTranslations("floor");
  const me = room.me!;
  const meetingId = room.meeting.id;
  const moderates = me.can["token.grant"] === null;
  const reorders = me.can["floor.reorder"] === null;
  const [reason, setReason] = useState("");
  const withReason = { reason: reason.trim() || null };
  const done = { onSuccess: () => setReason("") };
  // Buttons, Alt+Arrow and a drag all send the one reorder command; only the distance differs.
  const move = (userId: string, direction: "up" | "down", places = 1) =>
    actions.reorder.mutate({ meetingId, userId, direction, places, ...withReason }, done);
  const [dragged, setDragged] = useState<string | null>(null);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const dropOn = (target: number) => {
    const from = room.queue.findIndex((q) => q.userId === dragged);
    setDragged(null);
    setDropAt(null);
    if (from < 0 || from === target) return;
    move(dragged!, target < from ? "up" : "down", Math.abs(target - from));
  };
  return (
    <Card title={t("heading")}>
      <div className="mb-3 flex flex-wrap items-center gap-2 text-sm">
        <label htmlFor="queue-policy" className="text-slate-600">
          {tf("policy.label")}
        </label>
        {me.can["floor.setPolicy"] === null ? (
          <ChoiceSelect
            id="queue-policy"
            data-testid="queue-policy"
            value={room.floor.policy}
            busy={busy}
            onChoose={(v) => actions.setQueuePolicy.mutate({ meetingId, policy: v as QueuePolicy })}
            className="rounded border border-slate-300 px-2 py-1"
          >
            {QUEUE_POLICIES.map((p) => (
              <option key={p} value={p}>
                {tf(`policy.${p}`)}
              </option>
            ))}
          </ChoiceSelect>
        ) : (
          <span id="queue-policy" data-testid="queue-policy-shown" className="font-medium">
            {tf(`policy.${room.floor.policy}`)}
          </span>
        )}
      </div>
      <PointsOfOrder room={room} actions={actions} busy={busy} />
      {room.queue.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <>
          {moderates && (
            <input
              data-testid="override-reason"
              aria-label={tf("overrideReason")}
              placeholder={tf("overrideReason")}
              maxLength={FLOOR_REASON_MAX}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className="mb-2 w-full rounded border border-slate-300 px-2 py-1 text-sm"
            />
          )}
          <ol className="divide-y divide-slate-100" data-testid="queue">
            {room.queue.map((q, i) => (
              <li
                key={q.userId}
                className={`flex flex-wrap items-center gap-x-3 gap-y-1 py-2 ${
                  dropAt === i && dragged !== q.userId ? "bg-indigo-50 ring-2 ring-indigo-400" : ""
                } ${dragged === q.userId ? "opacity-50" : ""} ${reorders && !busy ? "sm:cursor-grab" : ""}`}
                data-testid="queue-entry"
                data-user-id={q.userId}
                // Drag to reorder (desktop; a touch screen has the arrow buttons): dropping a row
                // on another puts it at that row's place.
                draggable={reorders && !busy}
                onDragStart={(e) => {
                  e.dataTransfer.effectAllowed = "move";
                  e.dataTransfer.setData("text/plain", q.name);
                  setDragged(q.userId);
                }}
                onDragEnd={() => {
                  setDragged(null);
                  setDropAt(null);
                }}
                onDragOver={(e) => {
                  if (!dragged) return;
                  e.preventDefault();
                  setDropAt(i);
                }}
                onDrop={(e) => {
                  e.preventDefault();
                  dropOn(i);
                }}
                onKeyDown={(e) => {
                  // Keyboard reordering: Alt+Arrow on a row's controls.
                  if (!reorders || !e.altKey) return;
                  if (e.key === "ArrowUp" && i > 0) move(q.userId, "up");
                  if (e.key === "ArrowDown" && i < room.queue.length - 1) move(q.userId, "down");
                }}
              >
                {reorders && (
                  <span
                    aria-hidden="true"
                    className="hidden text-slate-400 select-none sm:inline"
                    title={tf("drag")}
                  >
                    ⠿
                  </span>
                )}
                <span className="w-8 text-center font-mono text-sm font-semibold text-indigo-700">
                  {t("position", { position: q.position })}
                </span>
                <span className={`min-w-0 flex-1 truncate ${q.userId === me.userId ? "font-semibold" : ""}`}>
                  {q.name}
                </span>
                <span className="font-mono text-xs text-slate-500">
                  {t("waiting", { elapsed: formatDuration(now - new Date(q.since).getTime()) })}
                </span>
                {/* Why this place: a line of its own, so a narrow column does not squeeze it. */}
                <span className="basis-full pl-11 text-xs text-slate-500" data-testid="queue-why">
                  {tf("why.stats", { spoken: formatDuration(q.speakingMs), turns: q.turns })} ·{" "}
                  {tf(`why.${q.placedBy}`)}
                </span>
                {moderates && (
                  <span className="flex flex-wrap gap-2">
                    {reorders && (
                      <>
                        <ActionButton
                          variant="ghost"
                          data-testid={`up-${q.userId}`}
                          aria-label={tf("up", { name: q.name })}
                          denied={null}
                          disabled={busy || i === 0}
                          onClick={() => move(q.userId, "up")}
                        >
                          ↑
                        </ActionButton>
                        <ActionButton
                          variant="ghost"
                          data-testid={`down-${q.userId}`}
                          aria-label={tf("down", { name: q.name })}
                          denied={null}
                          disabled={busy || i === room.queue.length - 1}
                          onClick={() => move(q.userId, "down")}
                        >
                          ↓
                        </ActionButton>
                      </>
                    )}
                    <ActionButton
                      data-testid={`grant-${q.userId}`}
                      {...focusAfter(TOKEN_HOLDER_ID)}
                      denied={me.can["token.grant"]}
                      disabled={busy}
                      onClick={() =>
                        actions.grant.mutate({ meetingId, userId: q.userId, ...withReason }, done)
                      }
                    >
                      {t("grant")}
                    </ActionButton>
                    <ActionButton
                      variant="ghost"
                      denied={me.can["token.dismiss"]}
                      disabled={busy}
                      onClick={() => actions.dismiss.mutate({ meetingId, userId: q.userId })}
                    >
                      {t("dismiss")}
                    </ActionButton>
                  </span>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </Card>
  );
}
