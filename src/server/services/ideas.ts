import type { Caller } from "@/server/deps";
import * as core from "@/core/ideas";
import { refuse } from "@/core/errors";
import { runCommand } from "./event-log";
import { loadIdea } from "./governance-state";
import { newId } from "./ids";

export async function postIdea(ctx: Caller, input: { meetingId: string; text: string }) {
  const ideaId = newId("idea");
  await runCommand(ctx, { meetingId: input.meetingId, action: "idea.post" }, () => ({
    events: [core.postIdea(ideaId, input.text)],
    result: null,
  }));
  return { ideaId };
}

/** The author revises under "idea.revise", anyone else under "idea.reviseAny" (the table decides). */
export async function reviseIdea(ctx: Caller, input: { meetingId: string; ideaId: string; text: string }) {
  const { result } = await runCommand(
    ctx,
    {
      meetingId: input.meetingId,
      load: (tx, snap) => loadIdea(tx, snap.id, input.ideaId),
      action: (_snap, idea) => (idea ? core.reviseAction(idea, ctx.session.userId) : "idea.revise"),
    },
    (_snap, idea) => {
      if (!idea) throw refuse("IDEA_NOT_FOUND");
      const event = core.reviseIdea(idea, input.text);
      return { events: [event], result: event.revision };
    },
  );
  return { revision: result };
}

export async function commentOnIdea(
  ctx: Caller,
  input: { meetingId: string; ideaId: string; kind: core.CommentKind; text: string },
) {
  const commentId = newId("cmt");
  await runCommand(
    ctx,
    {
      meetingId: input.meetingId,
      action: "comment.post",
      load: (tx, snap) => loadIdea(tx, snap.id, input.ideaId),
    },
    (_snap, idea) => {
      if (!idea) throw refuse("IDEA_NOT_FOUND");
      return { events: [core.commentOn(idea, commentId, input.kind, input.text)], result: null };
    },
  );
  return { commentId };
}
