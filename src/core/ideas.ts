import { refuse } from "./errors";
import type { Action } from "./permissions";

// Ideas (posted in Ideation) and what members say about them (in Clarification). An idea's text
// can be revised; every revision is kept, numbered from 1 (the text as posted).

export const IDEA_TEXT_MAX = 500;
export const COMMENT_TEXT_MAX = 1000;
export const COMMENT_KINDS = ["comment", "question"] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];

export interface IdeaState {
  ideaId: string;
  authorId: string;
  text: string;
  /** How many revisions exist, the original included (1 for an idea never revised). */
  revisions: number;
}

type IdeaPostedEvent = { type: "idea.posted"; ideaId: string; text: string };
type IdeaRevisedEvent = { type: "idea.revised"; ideaId: string; revision: number; text: string };
type CommentPostedEvent = {
  type: "comment.posted";
  commentId: string;
  ideaId: string;
  kind: CommentKind;
  text: string;
};
export type IdeaEvent = IdeaPostedEvent | IdeaRevisedEvent | CommentPostedEvent;

function cleanText(text: string, max: number, what: "idea" | CommentKind): string {
  const trimmed = text.trim();
  if (trimmed === "") throw refuse("TEXT_EMPTY", { what });
  if (trimmed.length > max) throw refuse("TEXT_TOO_LONG", { what, max });
  return trimmed;
}

export function postIdea(ideaId: string, text: string): IdeaPostedEvent {
  return { type: "idea.posted", ideaId, text: cleanText(text, IDEA_TEXT_MAX, "idea") };
}

/**
 * Which row of the permission matrix governs revising this idea: authors revise their own idea
 * under "idea.revise", anyone else needs "idea.reviseAny" (moderation).
 */
export function reviseAction(idea: { authorId: string | null }, actorId: string): Action {
  return idea.authorId === actorId ? "idea.revise" : "idea.reviseAny";
}

/** A new revision; the previous texts stay in the history. An unchanged text is refused. */
export function reviseIdea(idea: IdeaState, text: string): IdeaRevisedEvent {
  const next = cleanText(text, IDEA_TEXT_MAX, "idea");
  if (next === idea.text) throw refuse("IDEA_SAME_TEXT");
  return { type: "idea.revised", ideaId: idea.ideaId, revision: idea.revisions + 1, text: next };
}

export function commentOn(
  idea: Pick<IdeaState, "ideaId">,
  commentId: string,
  kind: CommentKind,
  text: string,
): CommentPostedEvent {
  if (!COMMENT_KINDS.includes(kind)) throw refuse("REMARK_KIND");
  return {
    type: "comment.posted",
    commentId,
    ideaId: idea.ideaId,
    kind,
    text: cleanText(text, COMMENT_TEXT_MAX, kind),
  };
}
