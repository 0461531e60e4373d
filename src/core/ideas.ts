import { DomainError, conflict } from "./errors";
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

const badRequest = (message: string) => new DomainError("BAD_REQUEST", message);

function cleanText(text: string, max: number, what: string): string {
  const trimmed = text.trim();
  if (trimmed === "") throw badRequest(`${what} needs some text`);
  if (trimmed.length > max) throw badRequest(`${what} is at most ${max} characters`);
  return trimmed;
}

export function postIdea(ideaId: string, text: string): IdeaPostedEvent {
  return { type: "idea.posted", ideaId, text: cleanText(text, IDEA_TEXT_MAX, "An idea") };
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
  const next = cleanText(text, IDEA_TEXT_MAX, "An idea");
  if (next === idea.text) throw conflict("The idea already has this text");
  return { type: "idea.revised", ideaId: idea.ideaId, revision: idea.revisions + 1, text: next };
}

export function commentOn(
  idea: Pick<IdeaState, "ideaId">,
  commentId: string,
  kind: CommentKind,
  text: string,
): CommentPostedEvent {
  if (!COMMENT_KINDS.includes(kind)) throw badRequest("A remark is a comment or a question");
  return {
    type: "comment.posted",
    commentId,
    ideaId: idea.ideaId,
    kind,
    text: cleanText(text, COMMENT_TEXT_MAX, kind === "question" ? "A question" : "A comment"),
  };
}
