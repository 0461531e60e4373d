"use client";
import { useRefusalText } from "@/lib/errors/useRefusalText";
import { useTranslations } from "next-intl";
import { useRouter } from "@/i18n/navigation";
import { Button } from "@/components/ui/Button";
import { focusHome } from "@/lib/a11y/focus";
import { useFocusRescue } from "@/lib/a11y/useFocusRescue";
import { useLiveRoom } from "./useLiveRoom";
import { useRoomActions } from "./useRoomActions";
import { useNow } from "./useNow";
import { TokenPanel } from "./TokenPanel";
import { QueuePanel } from "./QueuePanel";
import { MembersPanel } from "./MembersPanel";
import { InvitePanel } from "./InvitePanel";
import { TurnLimitSelect } from "./SettingsPanel";
import { Announcer } from "./Announcer";
import { ActivityPanel } from "./ActivityPanel";
import { VideoPanel } from "@/components/video/VideoPanel";
import { StatsPanel } from "@/components/records/StatsPanel";
import { RecordPanel } from "@/components/records/RecordPanel";
import { ReplayPanel } from "@/components/records/ReplayPanel";
import { PhaseBar } from "@/components/governance/PhaseBar";
import { GovernancePanels } from "@/components/governance/GovernancePanels";
import { CanvasCard } from "@/components/canvas/CanvasCard";

export function MeetingRoom({ meetingId }: { meetingId: string }) {
  const t = useTranslations("room");
  const ta = useTranslations("a11y.titles");
  const errorText = useRefusalText();
  const router = useRouter();
  const { room, view, page: data, live, ended, ephemeral, resync } = useLiveRoom(meetingId);
  const { actions, busy, error } = useRoomActions(resync);
  const now = useNow(room.data?.serverTime);
  const keepFocus = useFocusRescue();

  // Every state of the page has its heading, the loading one included (the title comes with it).
  if (room.isPending)
    return (
      <div className="p-8">
        <h1 className="sr-only">{ta("room")}</h1>
        <p className="text-slate-500">{t("loading")}</p>
      </div>
    );
  if (room.isError || !data || ended) {
    return (
      <div className="m-8 rounded-xl bg-rose-50 p-6 text-rose-800">
        <h1 className="text-xl font-semibold">{ta("room")}</h1>
        <p className="mt-2" role="alert" data-testid="room-closed-to-me">
          {ended || room.error?.data?.code === "NOT_FOUND" || room.error?.data?.code === "FORBIDDEN"
            ? t("notFound")
            : t("error", { message: errorText(room.error) })}
        </p>
      </div>
    );
  }
  const leave = () => {
    if (!window.confirm(t("leaveConfirm"))) return;
    actions.leave.mutate({ meetingId }, { onSuccess: () => router.push("/meetings") });
  };

  // On a phone the floor (holder, countdown, my place, my button) comes first, then the phase,
  // then the rest; on a wide screen the phase bar spans the top and the floor heads the side column.
  // One explicit minmax(0, 1fr) column on a phone: an implicit track grows to its widest content,
  // and the canvas (sized from its own box) then held the page at its first width.
  return (
    <div
      ref={keepFocus}
      className="mx-auto grid max-w-6xl grid-cols-1 gap-6 px-4 py-6 lg:grid-cols-3 lg:grid-rows-[auto_auto_auto_1fr]"
    >
      <header className="flex flex-wrap items-start justify-between gap-4 lg:col-span-3">
        <div className="min-w-0">
          <h1
            {...focusHome}
            className="truncate text-3xl font-bold text-slate-900"
            data-testid="meeting-title"
          >
            {data.meeting.title}
          </h1>
          {data.meeting.description && (
            <p className="mt-1 max-w-3xl text-slate-600">{data.meeting.description}</p>
          )}
          <p className="mt-2 flex items-center gap-3 text-sm">
            <span
              className={`flex items-center gap-1.5 ${live ? "text-emerald-700" : "text-amber-700"}`}
              data-testid="live"
            >
              <span
                className={`h-2 w-2 rounded-full ${live ? "bg-emerald-500" : "animate-pulse bg-amber-500"}`}
              />
              {live ? t("live") : t("reconnecting")}
            </span>
          </p>
        </div>
        <div className="flex items-center gap-3">
          {data.me.can["meeting.configure"] === null && (
            <TurnLimitSelect room={data} actions={actions} busy={busy} />
          )}
          {data.me.can["meeting.leave"] === null && (
            <Button variant="ghost" onClick={leave} disabled={busy}>
              {t("leave")}
            </Button>
          )}
        </div>
      </header>

      {/* A closed meeting shows its outcome, not controls that no longer apply. */}
      {!data.moves.final && (
        <div className="min-w-0 space-y-6 lg:col-start-3 lg:row-start-3">
          <TokenPanel room={data} now={now} actions={actions} busy={busy} />
          <QueuePanel room={data} now={now} actions={actions} busy={busy} />
        </div>
      )}

      <div className="min-w-0 space-y-6 lg:col-span-3 lg:row-start-2">
        <PhaseBar room={data} now={now} actions={actions} />
        {error && (
          <p role="alert" className="rounded-lg bg-rose-50 px-4 py-2 text-sm text-rose-800">
            {t("error", { message: error })}
          </p>
        )}
        <Announcer room={data} />
      </div>

      {/* min-w-0: the board's canvas is as wide as it was last drawn; without it a narrowed
          window (a phone turned upright) could never shrink the column, nor the board with it. */}
      <div className="min-w-0 space-y-6 lg:col-span-2 lg:col-start-1 lg:row-span-2 lg:row-start-3">
        {/* No call to join once the meeting is closed (its outcome is what is left to see). */}
        {view && !data.moves.final && <VideoPanel view={view} ephemeral={ephemeral} />}
        <GovernancePanels room={data} actions={actions} />
        {/* The board sits in the main column: spanning the page it pushed the floor a screen down. */}
        {room.data && <CanvasCard room={data} state={room.data.state} ephemeral={ephemeral} />}
        <ActivityPanel room={data} events={data.recent} />
        {data.me.can["meeting.stats"] === null && room.data && (
          <StatsPanel state={room.data.state} now={now} />
        )}
      </div>
      <div className="min-w-0 space-y-6 lg:col-start-3 lg:row-start-4">
        <MembersPanel room={data} actions={actions} busy={busy} />
        {room.data && !data.moves.final && <InvitePanel inviteCode={room.data.inviteCode} />}
        {data.me.can["record.verify"] === null && <RecordPanel room={data} />}
        {data.me.can["meeting.replay"] === null && room.data && (
          <ReplayPanel room={data} state={room.data.state} />
        )}
      </div>
    </div>
  );
}
