"use client";
import { useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { replaySummary, type RoomPage as Room } from "@/core/room/views";
import type { RoomState } from "@/core/room/state";
import { Card } from "@/components/ui/Card";
import { useEventText } from "@/components/room/useEventText";
import { BoardPicture } from "@/components/canvas/BoardPicture";

/**
 * The meeting as it was after any event of its log (records.replay, the room's own fold over
 * the log up to that event): a slider, or the arrow keys on it, steps through the events. Until
 * someone moves it, it shows the live room itself, asking the server for nothing.
 */
export function ReplayPanel({ room, state: live }: { room: Room; state: RoomState }) {
  const t = useTranslations("records.replay");
  const tp = useTranslations("meetings.phases");
  const format = useFormatter();
  const trpc = useTRPC();
  const describe = useEventText(room.people);
  const last = room.meeting.lastSeq;
  const [picked, setPicked] = useState<number | null>(null);
  const seq = Math.min(picked ?? last, last);
  const replay = useQuery(
    trpc.records.replay.queryOptions(
      { meetingId: room.meeting.id, seq },
      { placeholderData: keepPreviousData, enabled: picked !== null, staleTime: Infinity },
    ),
  );
  const past = picked === null ? live : replay.data?.state;
  const state = past && replaySummary(past);
  const pick = (n: number) => setPicked(n >= last ? null : Math.max(1, n));

  return (
    <Card title={t("heading")}>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      <div className="mt-3 flex items-center gap-2">
        <button
          type="button"
          className="btn-secondary px-2.5 py-1"
          onClick={() => pick(seq - 1)}
          disabled={seq <= 1}
          aria-label={t("previous")}
        >
          ‹
        </button>
        <label htmlFor="replay-slider" className="sr-only">
          {t("slider")}
        </label>
        <input
          id="replay-slider"
          type="range"
          min={1}
          max={Math.max(1, last)}
          value={seq}
          onChange={(e) => pick(Number(e.target.value))}
          aria-valuetext={t("position", { seq, last })}
          className="min-w-0 flex-1 accent-indigo-600"
          data-testid="replay-slider"
        />
        <button
          type="button"
          className="btn-secondary px-2.5 py-1"
          onClick={() => pick(seq + 1)}
          disabled={seq >= last}
          aria-label={t("next")}
        >
          ›
        </button>
      </div>
      <p className="mt-2 text-xs font-medium text-slate-500" data-testid="replay-position">
        {picked === null ? t("latest", { seq, last }) : t("position", { seq, last })}
      </p>
      {state && (
        <div
          className="mt-3 space-y-3 text-sm"
          data-testid="replay-state"
          data-seq={state.seq}
          // Says the replayed state when the reader moves through the log, not at every live event.
          aria-live={picked === null ? "off" : "polite"}
        >
          {state.event && (
            <p className="rounded-lg bg-slate-50 px-3 py-2 text-slate-800">
              <time className="mr-2 font-mono text-xs text-slate-500" dateTime={state.event.at}>
                {format.dateTime(new Date(state.event.at), { timeStyle: "medium" })}
              </time>
              {describe(state.event)}
            </p>
          )}
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5">
            <dt className="text-slate-500">{t("phase")}</dt>
            <dd className="font-medium text-slate-900" data-testid="replay-phase">
              {tp(state.phase)}
            </dd>
            <dt className="text-slate-500">{t("speaking")}</dt>
            <dd className="text-slate-900" data-testid="replay-holder">
              {state.holder ?? t("nobody")}
            </dd>
            <dt className="text-slate-500">{t("waiting")}</dt>
            <dd className="text-slate-900">
              {state.waiting.length ? state.waiting.join(", ") : t("nobody")}
            </dd>
            <dt className="text-slate-500">{t("members")}</dt>
            <dd className="text-slate-900">{state.members}</dd>
          </dl>
          {past && past.canvas.shapes.length > 0 && (
            <figure>
              <figcaption className="mb-1 text-slate-500">{t("board")}</figcaption>
              <BoardPicture
                shapes={past.canvas.shapes.map((s) => s.shape)}
                label={t("boardLabel", { shapes: past.canvas.shapes.length })}
                className="w-full rounded-lg border border-slate-200"
                testId="replay-board"
              />
            </figure>
          )}
        </div>
      )}
    </Card>
  );
}
