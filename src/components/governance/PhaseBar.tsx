"use client";
import { RefusalText } from "@/components/ui/RefusalText";
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { RoomPage as Room } from "@/core/room/views";
import { PHASES } from "@/core/phases/phase";
import { PHASE_ALLOWS, PHASE_REASON_MAX, isFinalPhase } from "@/core/phases/machine";
import { formatDuration } from "@/lib/format";
import { Button } from "@/components/ui/Button";
import { ActionButton } from "@/components/room/ActionButton";
import { focusHome } from "@/lib/a11y/focus";
import { useDenial } from "./useDenial";
import type { RoomActions } from "@/components/room/useRoomActions";

type Mode = "idle" | "back" | "close";

/** Where the meeting stands: the five phases, the current one with its time and what it allows. */
export function PhaseBar({ room, now, actions }: { room: Room; now: number; actions: RoomActions }) {
  const t = useTranslations("governance.phaseBar");
  const tp = useTranslations("meetings.phases");
  const ta = useTranslations("governance.allows");
  const deniedText = useDenial(room);
  const { phase, phaseSince, id: meetingId } = room.meeting;
  const current = PHASES.indexOf(phase);
  const { next, back, final } = room.moves;
  const denied = room.me.can["phase.change"];
  const change = actions.changePhase;
  const [mode, setMode] = useState<Mode>("idle");
  const [reason, setReason] = useState("");

  const go = (to: (typeof PHASES)[number], why?: string) =>
    change.mutate(
      { meetingId, to, reason: why },
      {
        onSuccess: () => {
          setMode("idle");
          setReason("");
        },
      },
    );
  // Facilitators see the controls; others only where the matrix says the role could ever act.
  const showControls = denied !== "ROLE" && denied !== "SIGN_IN";
  const leavingDecisionBlocked = room.moves.heldBy === "openVotes";

  return (
    <section
      aria-labelledby="phase-heading"
      className="rounded-2xl border border-indigo-100 bg-white p-5 shadow-sm"
      data-testid="phase-bar"
      data-phase={phase}
    >
      <nav aria-label={t("stepsLabel")}>
        <ol className="flex flex-wrap items-center gap-x-2 gap-y-2 text-sm">
          {PHASES.map((p, i) => {
            const state = i < current ? "done" : i === current ? "current" : "upcoming";
            return (
              <li
                key={p}
                className="flex items-center gap-2"
                aria-current={state === "current" ? "step" : undefined}
              >
                <span
                  className={`flex h-7 w-7 items-center justify-center rounded-full text-xs font-semibold ${
                    state === "current"
                      ? "bg-indigo-600 text-white"
                      : state === "done"
                        ? "bg-indigo-100 text-indigo-700"
                        : "bg-slate-100 text-slate-500"
                  }`}
                  aria-hidden
                >
                  {state === "done" ? "✓" : i + 1}
                </span>
                <span
                  className={
                    state === "current"
                      ? "font-semibold text-slate-900"
                      : state === "done"
                        ? "text-slate-600"
                        : "text-slate-500"
                  }
                >
                  {tp(p)}
                  <span className="sr-only"> ({t(`state.${state}`)})</span>
                </span>
                {i < PHASES.length - 1 && <span className="h-px w-6 bg-slate-200" aria-hidden />}
              </li>
            );
          })}
        </ol>
      </nav>

      <div className="mt-4 flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <h2
            id="phase-heading"
            {...focusHome}
            className="text-xl font-semibold text-slate-900"
            data-testid="phase"
          >
            {t("current", { phase: tp(phase) })}{" "}
            {!final && (
              <span className="font-mono text-base font-normal text-slate-500">
                {formatDuration(now - new Date(phaseSince).getTime())}
              </span>
            )}
          </h2>
          {!final && (
            <p className="mt-1 text-sm text-slate-600">
              <span className="font-medium">{t("allows")}</span>{" "}
              {PHASE_ALLOWS[phase].map((key) => ta(key)).join(" · ")}
            </p>
          )}
        </div>

        {showControls && mode === "idle" && (
          <div className="flex flex-wrap items-center gap-2">
            {back && (
              <ActionButton
                variant="secondary"
                denied={denied}
                disabled={change.isPending}
                onClick={() => setMode("back")}
              >
                {t("stepBackTo", { phase: tp(back) })}
              </ActionButton>
            )}
            {next && (
              <ActionButton
                denied={denied}
                reason={deniedText("phase.change")}
                disabled={change.isPending || leavingDecisionBlocked}
                title={leavingDecisionBlocked ? t("closeVotesFirst") : undefined}
                aria-describedby={leavingDecisionBlocked ? "phase-blocked" : undefined}
                onClick={() => (isFinalPhase(next) ? setMode("close") : go(next))}
                data-testid="advance-phase"
              >
                {isFinalPhase(next) ? t("closeMeeting") : t("advanceTo", { phase: tp(next) })}
              </ActionButton>
            )}
          </div>
        )}
      </div>

      {showControls && leavingDecisionBlocked && mode === "idle" && (
        <p id="phase-blocked" className="mt-2 text-sm text-amber-700">
          {t("closeVotesFirst")}
        </p>
      )}
      {!showControls && !final && <p className="mt-2 text-sm text-slate-500">{t("facilitatorLeads")}</p>}
      {final && (
        <p className="mt-2 text-sm text-slate-500" data-testid="closed-note">
          {t("closedNote")}
        </p>
      )}

      {mode === "back" && back && (
        <form
          className="mt-4 rounded-xl bg-slate-50 p-4"
          onSubmit={(e) => {
            e.preventDefault();
            go(back, reason);
          }}
        >
          <label htmlFor="step-back-reason" className="block text-sm font-medium text-slate-800">
            {t("reasonLabel", { phase: tp(back) })}
          </label>
          <textarea
            id="step-back-reason"
            name="reason"
            required
            autoFocus
            rows={2}
            maxLength={PHASE_REASON_MAX}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            className="mt-2 w-full rounded-lg border border-slate-300 px-3 py-2 text-sm"
            placeholder={t("reasonPlaceholder")}
          />
          <div className="mt-3 flex gap-2">
            <Button type="submit" disabled={change.isPending || reason.trim() === ""}>
              {t("stepBack")}
            </Button>
            <Button variant="ghost" onClick={() => setMode("idle")}>
              {t("cancel")}
            </Button>
          </div>
        </form>
      )}

      {mode === "close" && (
        <div className="mt-4 rounded-xl bg-amber-50 p-4" role="group" aria-labelledby="close-warning">
          <p id="close-warning" className="text-sm text-amber-900">
            {t("closeWarning")}
          </p>
          <div className="mt-3 flex gap-2">
            <Button variant="danger" disabled={change.isPending} onClick={() => next && go(next)}>
              {t("confirmClose")}
            </Button>
            {/* Focus on the safe choice: Enter must not close a meeting by accident. */}
            <Button variant="ghost" autoFocus onClick={() => setMode("idle")}>
              {t("cancel")}
            </Button>
          </div>
        </div>
      )}

      {change.error && (
        <p role="alert" className="mt-3 rounded-lg bg-rose-50 px-3 py-2 text-sm text-rose-800">
          <RefusalText error={change.error} />
        </p>
      )}
    </section>
  );
}
