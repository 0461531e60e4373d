"use client";
import { RefusalText } from "@/components/ui/RefusalText";
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { RoomPage as Room } from "@/core/room/views";
import { FEEDBACK_COMMENT_MAX, RATINGS } from "@/core/feedback";
import { Card } from "@/components/ui/Card";
import { ActionButton } from "@/components/room/ActionButton";
import { DeniedNote } from "./DeniedNote";
import { useDenial } from "./useDenial";
import type { RoomActions } from "@/components/room/useRoomActions";

/** Rate the meeting (1 to 5, with an optional comment); facilitators see the summary. */
export function FeedbackPanel({ room, actions }: { room: Room; actions: RoomActions }) {
  const t = useTranslations("governance.feedback");
  const tg = useTranslations("governance");
  const deniedText = useDenial(room);
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const give = actions.giveFeedback;
  const mine = room.board.myFeedback;
  const denied = room.me!.can["feedback.give"];
  const summary = room.feedbackSummary;

  return (
    <Card title={t("heading")}>
      {mine ? (
        <p className="rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="my-feedback">
          {t("thanks", { rating: mine.rating })}
          {mine.comment && <> — {tg("quote", { text: mine.comment })}</>}
        </p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (rating !== null) give.mutate({ meetingId: room.meeting.id, rating, comment });
          }}
        >
          <fieldset disabled={denied !== null} aria-describedby={denied ? "feedback-denied" : undefined}>
            <legend className="text-sm font-medium text-slate-800">{t("ratingLabel")}</legend>
            <div className="mt-2 flex gap-2">
              {RATINGS.map((r) => (
                <label
                  key={r}
                  className={`flex h-11 w-11 cursor-pointer items-center justify-center rounded-lg text-base font-semibold ring-1 has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 has-[:disabled]:cursor-not-allowed has-[:disabled]:opacity-50 ${
                    rating === r
                      ? "bg-indigo-600 text-white ring-indigo-600"
                      : "bg-white text-slate-700 ring-slate-300"
                  }`}
                >
                  <input
                    type="radio"
                    name="rating"
                    value={r}
                    checked={rating === r}
                    onChange={() => setRating(r)}
                    className="sr-only"
                    aria-label={t("ratingOption", { rating: r })}
                  />
                  {r}
                </label>
              ))}
            </div>
            <p className="mt-1 text-xs text-slate-500">{t("scale")}</p>
            <label htmlFor="feedback-comment" className="mt-3 block text-sm font-medium text-slate-800">
              {t("commentLabel")}
            </label>
            <textarea
              id="feedback-comment"
              rows={2}
              maxLength={FEEDBACK_COMMENT_MAX}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              className="mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 text-sm disabled:bg-slate-50"
            />
          </fieldset>
          <div className="mt-3">
            <ActionButton
              type="submit"
              denied={denied}
              reason={deniedText("feedback.give")}
              disabled={give.isPending || rating === null}
            >
              {t("send")}
            </ActionButton>
          </div>
          <DeniedNote id="feedback-denied" reason={deniedText("feedback.give")} />
          {give.error && (
            <p role="alert" className="mt-2 text-sm text-rose-700">
              <RefusalText error={give.error} />
            </p>
          )}
        </form>
      )}

      {summary && (
        <section
          className="mt-5 border-t border-slate-100 pt-4"
          aria-labelledby="feedback-summary"
          data-testid="feedback-summary"
        >
          <h3 id="feedback-summary" className="text-sm font-semibold text-slate-800">
            {t("summaryHeading")}
          </h3>
          <p className="mt-1 text-sm text-slate-700">
            {t("summaryLine", { count: summary.count, eligible: summary.eligible })}
            {summary.mean !== null && <> · {t("mean", { mean: summary.mean })}</>}
          </p>
          <ul className="mt-2 space-y-1">
            {RATINGS.map((r) => {
              const n = summary.distribution[r];
              return (
                <li key={r} className="flex items-center gap-2 text-sm">
                  <span className="w-4 font-mono text-slate-600">{r}</span>
                  <span className="h-2 flex-1 rounded-full bg-slate-100" aria-hidden>
                    <span
                      className="block h-2 rounded-full bg-indigo-400"
                      style={{ width: `${summary.count ? (100 * n) / summary.count : 0}%` }}
                    />
                  </span>
                  <span className="w-6 text-right font-mono text-slate-600">{n}</span>
                </li>
              );
            })}
          </ul>
          {summary.comments.length > 0 && (
            <ul className="mt-3 space-y-1 text-sm text-slate-700">
              {summary.comments.map((c, i) => (
                <li key={i} className="rounded-lg bg-slate-50 px-3 py-2">
                  {tg("quote", { text: c })}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </Card>
  );
}
