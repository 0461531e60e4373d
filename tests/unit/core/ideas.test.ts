import { describe, expect, it } from "vitest";
import { IDEA_TEXT_MAX, commentOn, postIdea, reviseAction, reviseIdea } from "@/core/ideas";
import { code } from "../../helpers/domain-error";

const idea = { ideaId: "i1", authorId: "bob", text: "Four-day week", revisions: 1 };

describe("ideas", () => {
  it("posts trimmed, non-empty, short texts", () => {
    expect(postIdea("i1", "  Four-day week ")).toEqual({
      type: "idea.posted",
      ideaId: "i1",
      text: "Four-day week",
    });
    expect(code(() => postIdea("i1", " \n "))).toBe("BAD_REQUEST");
    expect(code(() => postIdea("i1", "x".repeat(IDEA_TEXT_MAX)))).toBe("OK");
    expect(code(() => postIdea("i1", "x".repeat(IDEA_TEXT_MAX + 1)))).toBe("BAD_REQUEST");
  });

  it("numbers revisions after the original, and refuses an unchanged text", () => {
    expect(reviseIdea(idea, " Four-day week, from May ")).toEqual({
      type: "idea.revised",
      ideaId: "i1",
      revision: 2,
      text: "Four-day week, from May",
    });
    expect(reviseIdea({ ...idea, revisions: 4 }, "Other").revision).toBe(5);
    expect(code(() => reviseIdea(idea, "  Four-day week "))).toBe("CONFLICT");
    expect(code(() => reviseIdea(idea, ""))).toBe("BAD_REQUEST");
  });

  it("asks the matrix for 'idea.revise' for the author, 'idea.reviseAny' for anyone else", () => {
    expect(reviseAction(idea, "bob")).toBe("idea.revise");
    expect(reviseAction(idea, "ana")).toBe("idea.reviseAny");
  });

  it("takes comments and questions, nothing else", () => {
    expect(commentOn(idea, "c1", "question", " Why? ")).toEqual({
      type: "comment.posted",
      commentId: "c1",
      ideaId: "i1",
      kind: "question",
      text: "Why?",
    });
    expect(code(() => commentOn(idea, "c1", "rant" as "comment", "x"))).toBe("BAD_REQUEST");
    expect(() => commentOn(idea, "c1", "question", "  ")).toThrow(/^TEXT_EMPTY {"what":"question"}$/);
  });
});
