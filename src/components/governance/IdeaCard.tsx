"use client";
import { RefusalText } from "@/components/ui/RefusalText";
import { useId, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import { COMMENT_TEXT_MAX, IDEA_TEXT_MAX, reviseAction, type CommentKind } from "@/core/ideas";
import { phaseAllows } from "@/core/permissions";
import { Button } from "@/components/ui/Button";
import { ActionButton } from "@/components/room/ActionButton";
import { useDenial } from "./useDenial";
import type { BoardIdea, RoomPage as Room } from "@/core/room/views";
import type { RoomActions } from "@/components/room/useRoomActions";

export const COMMENT_DENIED_NOTE = "comment-denied";

/** One idea: its text, its history of revisions, what was said about it, and (in Clarification) the forms. */
export function IdeaCard({ room, actions, idea }: { room: Room; actions: RoomActions; idea: BoardIdea }) {
  const t = useTranslations("governance.ideas");
  const format = useFormatter();
  const deniedText = useDenial(room);
  const me = room.me!;
  const id = useId();
  const clarifying = phaseAllows("comment.post", room.meeting.phase);
  const reviseAs = reviseAction(idea, me.userId);
  const canRevise = me.can[reviseAs] === null;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(idea.text);
  const [kind, setKind] = useState<CommentKind>("question");
  const [remark, setRemark] = useState("");
  const { reviseIdea: revise, comment } = actions;
  const ref = { meetingId: room.meeting.id, ideaId: idea.ideaId };
  const commentDenied = me.can["comment.post"];

  return (
    <li className="rounded-xl border border-slate-200 p-4" data-testid="idea" data-idea-id={idea.ideaId}>
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            revise.mutate({ ...ref, text: draft }, { onSuccess: () => setEditing(false) });
          }}
        >
          <label htmlFor={`${id}-revise`} className="block text-sm font-medium text-slate-800">
            {t("reviseLabel")}
          </label>
          <textarea
            id={`${id}-revise`}
            autoFocus
            rows={2}
            maxLength={IDEA_TEXT_MAX}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            className="mt-2 w-full rounded-lg border border-slate-300 px-3 py-2 text-sm"
          />
          <div className="mt-2 flex gap-2">
            <Button type="submit" disabled={revise.isPending || draft.trim() === ""}>
              {t("saveRevision")}
            </Button>
            <Button variant="ghost" onClick={() => setEditing(false)}>
              {t("cancel")}
            </Button>
          </div>
          {revise.error && (
            <p role="alert" className="mt-2 text-sm text-rose-700">
              <RefusalText error={revise.error} />
            </p>
          )}
        </form>
      ) : (
        <div className="flex items-start justify-between gap-3">
          <div className="min-w-0">
            <p className="text-base font-medium text-slate-900" data-testid="idea-text">
              {idea.text}
            </p>
            <p className="mt-1 text-xs text-slate-500">
              {t("by", { name: idea.author })}
              {idea.revisions.length > 1 && <> · {t("revised", { count: idea.revisions.length - 1 })}</>}
            </p>
          </div>
          {clarifying && canRevise && (
            <Button
              variant="secondary"
              className="shrink-0"
              onClick={() => {
                setDraft(idea.text);
                setEditing(true);
              }}
              aria-label={t("reviseAria", { text: idea.text })}
            >
              {t("revise")}
            </Button>
          )}
        </div>
      )}

      {idea.revisions.length > 1 && (
        <details className="mt-2 text-sm">
          <summary className="cursor-pointer text-indigo-700">
            {t("history", { count: idea.revisions.length })}
          </summary>
          <ol className="mt-2 space-y-1 border-l-2 border-slate-200 pl-3">
            {idea.revisions.map((r) => (
              <li key={r.number} className="text-slate-600">
                <span className="font-mono text-xs text-slate-400">#{r.number}</span> {r.text}{" "}
                <span className="text-xs text-slate-400">
                  — {r.author}, {format.dateTime(new Date(r.at), { hour: "2-digit", minute: "2-digit" })}
                </span>
              </li>
            ))}
          </ol>
        </details>
      )}

      {idea.comments.length > 0 && (
        <ul className="mt-3 space-y-2" aria-label={t("commentsLabel")}>
          {idea.comments.map((c) => (
            <li key={c.commentId} className="rounded-lg bg-slate-50 px-3 py-2 text-sm" data-testid="comment">
              <span
                className={`mr-2 rounded px-1.5 py-0.5 text-xs font-medium ${
                  c.kind === "question" ? "bg-amber-100 text-amber-800" : "bg-slate-200 text-slate-700"
                }`}
              >
                {t(`kind.${c.kind}`)}
              </span>
              <span className="text-slate-800">{c.text}</span>
              <span className="ml-1 text-xs text-slate-500">— {c.author}</span>
            </li>
          ))}
        </ul>
      )}

      {clarifying && (
        <form
          className="mt-3 flex flex-wrap items-center gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            comment.mutate({ ...ref, kind, text: remark }, { onSuccess: () => setRemark("") });
          }}
        >
          <fieldset
            className="flex overflow-hidden rounded-lg ring-1 ring-slate-300 disabled:opacity-50"
            disabled={commentDenied !== null}
          >
            <legend className="sr-only">{t("kindLabel")}</legend>
            {(["question", "comment"] as const).map((k) => (
              <label
                key={k}
                className={`cursor-pointer px-3 py-2 text-xs font-medium has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-500 ${
                  kind === k ? "bg-indigo-600 text-white" : "bg-white text-slate-700"
                }`}
              >
                <input
                  type="radio"
                  name={`${id}-kind`}
                  value={k}
                  checked={kind === k}
                  onChange={() => setKind(k)}
                  className="sr-only"
                />
                {t(`kind.${k}`)}
              </label>
            ))}
          </fieldset>
          <input
            aria-label={t(kind === "question" ? "askLabel" : "commentLabel", { text: idea.text })}
            value={remark}
            onChange={(e) => setRemark(e.target.value)}
            maxLength={COMMENT_TEXT_MAX}
            disabled={commentDenied !== null}
            aria-describedby={commentDenied ? COMMENT_DENIED_NOTE : undefined}
            placeholder={t(kind === "question" ? "askPlaceholder" : "commentPlaceholder")}
            className="min-w-0 flex-1 rounded-lg border border-slate-300 px-3 py-2 text-sm disabled:bg-slate-50"
          />
          <ActionButton
            type="submit"
            variant="secondary"
            denied={commentDenied}
            reason={deniedText("comment.post")}
            disabled={comment.isPending || remark.trim() === ""}
          >
            {t(kind === "question" ? "ask" : "send")}
          </ActionButton>
          {comment.error && (
            <p role="alert" className="w-full text-sm text-rose-700">
              <RefusalText error={comment.error} />
            </p>
          )}
        </form>
      )}
    </li>
  );
}
