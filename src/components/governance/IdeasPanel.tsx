"use client";
import { RefusalText } from "@/components/ui/RefusalText";
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { RoomPage as Room } from "@/core/room/views";
import { IDEA_TEXT_MAX } from "@/core/ideas";
import { phaseAllows } from "@/core/permissions";
import { Card } from "@/components/ui/Card";
import { ActionButton } from "@/components/room/ActionButton";
import { DeniedNote } from "./DeniedNote";
import { COMMENT_DENIED_NOTE, IdeaCard } from "./IdeaCard";
import { useDenial } from "./useDenial";
import type { RoomActions } from "@/components/room/useRoomActions";

/** Ideas: posted in Ideation, discussed and revised in Clarification, visible to all, live. */
export function IdeasPanel({ room, actions }: { room: Room; actions: RoomActions }) {
  const t = useTranslations("governance.ideas");
  const deniedText = useDenial(room);
  const [text, setText] = useState("");
  const post = actions.postIdea;
  const denied = room.me!.can["idea.post"];
  const ideas = room.board.ideas;
  const composing = phaseAllows("idea.post", room.meeting.phase);

  return (
    <Card title={t("heading", { count: ideas.length })}>
      {composing && (
        <form
          className="mb-4"
          onSubmit={(e) => {
            e.preventDefault();
            post.mutate({ meetingId: room.meeting.id, text }, { onSuccess: () => setText("") });
          }}
        >
          <label htmlFor="new-idea" className="block text-sm font-medium text-slate-800">
            {t("newLabel")}
          </label>
          <div className="mt-2 flex gap-2">
            <input
              id="new-idea"
              name="idea"
              value={text}
              onChange={(e) => setText(e.target.value)}
              maxLength={IDEA_TEXT_MAX}
              disabled={denied !== null}
              aria-describedby={denied ? "new-idea-denied" : undefined}
              placeholder={t("newPlaceholder")}
              className="min-w-0 flex-1 rounded-lg border border-slate-300 px-3 py-2 text-sm disabled:bg-slate-50"
            />
            <ActionButton
              type="submit"
              denied={denied}
              reason={deniedText("idea.post")}
              disabled={post.isPending || text.trim() === ""}
            >
              {t("post")}
            </ActionButton>
          </div>
          <DeniedNote id="new-idea-denied" reason={deniedText("idea.post")} />
          {post.error && (
            <p role="alert" className="mt-2 text-sm text-rose-700">
              <RefusalText error={post.error} />
            </p>
          )}
        </form>
      )}

      {phaseAllows("comment.post", room.meeting.phase) && (
        <div className="mb-3">
          <DeniedNote id={COMMENT_DENIED_NOTE} reason={deniedText("comment.post")} />
        </div>
      )}

      {ideas.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <ul className="space-y-3" data-testid="ideas" aria-live="polite">
          {ideas.map((idea) => (
            <IdeaCard key={idea.ideaId} room={room} actions={actions} idea={idea} />
          ))}
        </ul>
      )}
    </Card>
  );
}
