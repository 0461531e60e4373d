import type { Deps } from "@/server/deps";
import type { SessionUser } from "@/server/auth/session";
import * as core from "@/core/ideas";
import { notFound } from "@/core/errors";
import { runCommand, runCommandWith } from "./event-log";
import { authorize } from "./authorize";
import { loadIdea } from "./governance-state";
import { newId } from "./ids";

export async function postIdea(deps: Deps, actor: SessionUser, input: { meetingId: string; text: string }) {
  const ideaId = newId("idea");
  await runCommand(deps, input.meetingId, actor.userId, (snap) => {
    authorize(snap, actor, "idea.post");
    return { events: [core.postIdea(ideaId, input.text)], result: null };
  });
  return { ideaId };
}

/** The author revises under "idea.revise", anyone else under "idea.reviseAny" (the matrix decides). */
export async function reviseIdea(
  deps: Deps,
  actor: SessionUser,
  input: { meetingId: string; ideaId: string; text: string },
) {
  const { result } = await runCommandWith(
    deps,
    input.meetingId,
    actor.userId,
    (tx, snap) => loadIdea(tx, snap.id, input.ideaId),
    (snap, idea) => {
      authorize(snap, actor, idea ? core.reviseAction(idea, actor.userId) : "idea.revise");
      if (!idea) throw notFound("Idea");
      const event = core.reviseIdea(idea, input.text);
      return { events: [event], result: event.revision };
    },
  );
  return { revision: result };
}

export async function commentOnIdea(
  deps: Deps,
  actor: SessionUser,
  input: { meetingId: string; ideaId: string; kind: core.CommentKind; text: string },
) {
  const commentId = newId("cmt");
  await runCommandWith(
    deps,
    input.meetingId,
    actor.userId,
    (tx, snap) => loadIdea(tx, snap.id, input.ideaId),
    (snap, idea) => {
      authorize(snap, actor, "comment.post");
      if (!idea) throw notFound("Idea");
      return { events: [core.commentOn(idea, commentId, input.kind, input.text)], result: null };
    },
  );
  return { commentId };
}
