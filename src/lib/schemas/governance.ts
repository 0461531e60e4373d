import { z } from "zod";
import { str } from "./text";
import { PHASES } from "@/core/phases/phase";
import { PHASE_REASON_MAX } from "@/core/phases/machine";
import { COMMENT_KINDS, COMMENT_TEXT_MAX, IDEA_TEXT_MAX } from "@/core/ideas";
import {
  BALLOT_SECRECIES,
  CHOICE_LABEL_MAX,
  CHOICES_MAX,
  CHOICES_MIN,
  MAJORITY_RULES,
  PROPOSAL_TEXT_MAX,
  PROPOSAL_TITLE_MAX,
} from "@/core/decisions/ballot";
import { FEEDBACK_COMMENT_MAX } from "@/core/feedback";
import { meetingId } from "./meeting";

// Shared by the governance routers (input validation) and their forms. The core validates again
// (trimmed texts, distinct choices...): these give the early, field-level messages.

const id = (what: string) => str().trim().min(1, `${what} id is required`).max(64);
const text = (what: string, max: number) =>
  str().trim().min(1, `${what} needs some text`).max(max, `${what} must be at most ${max} characters`);

export const changePhaseInput = z.object({
  meetingId,
  to: z.enum(PHASES, { message: `Phase must be one of ${PHASES.join(", ")}` }),
  /** Required to step back (the machine says so), optional forward. */
  reason: str().max(PHASE_REASON_MAX, `The reason must be at most ${PHASE_REASON_MAX} characters`).nullish(),
});
export type ChangePhaseInput = z.infer<typeof changePhaseInput>;

export const postIdeaInput = z.object({ meetingId, text: text("An idea", IDEA_TEXT_MAX) });

export const reviseIdeaInput = z.object({
  meetingId,
  ideaId: id("Idea"),
  text: text("An idea", IDEA_TEXT_MAX),
});

export const commentInput = z.object({
  meetingId,
  ideaId: id("Idea"),
  kind: z.enum(COMMENT_KINDS, { message: "A remark is a comment or a question" }),
  text: text("A comment", COMMENT_TEXT_MAX),
});

const proposalOptionsInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("yesNoAbstain") }),
  z.object({
    kind: z.literal("choices"),
    labels: z
      .array(str().trim().min(1, "Every choice needs a label").max(CHOICE_LABEL_MAX))
      .min(CHOICES_MIN, `Give at least ${CHOICES_MIN} choices`)
      .max(CHOICES_MAX, `Give at most ${CHOICES_MAX} choices`),
  }),
]);

export const openProposalInput = z.object({
  meetingId,
  title: text("A proposal", PROPOSAL_TITLE_MAX),
  text: str().trim().max(PROPOSAL_TEXT_MAX).default(""),
  linkedIdeaIds: z.array(id("Idea")).max(50).default([]),
  options: proposalOptionsInput,
  secrecy: z.enum(BALLOT_SECRECIES, { message: "The ballot is open or secret" }),
  /** Minimum share of entitled voters who voted, as a whole percentage. */
  quorumPercent: z
    .number()
    .int("The quorum is a whole percentage")
    .min(0, "The quorum is between 0 and 100%")
    .max(100, "The quorum is between 0 and 100%"),
  majority: z.enum(MAJORITY_RULES, { message: `Majority must be one of ${MAJORITY_RULES.join(", ")}` }),
});
export type OpenProposalInput = z.input<typeof openProposalInput>;

export const proposalRef = z.object({ meetingId, proposalId: id("Proposal") });

export const voteInput = z.object({
  meetingId,
  proposalId: id("Proposal"),
  optionId: str().trim().min(1, "Choose an option").max(64),
});

export const feedbackInput = z.object({
  meetingId,
  rating: z
    .number({ message: "The rating is a whole number from 1 to 5" })
    .int("The rating is a whole number from 1 to 5")
    .min(1, "The rating is a whole number from 1 to 5")
    .max(5, "The rating is a whole number from 1 to 5"),
  comment: str()
    .max(FEEDBACK_COMMENT_MAX, `The comment must be at most ${FEEDBACK_COMMENT_MAX} characters`)
    .nullish(),
});
