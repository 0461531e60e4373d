import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { NO_NUL_MESSAGE } from "@/lib/schemas/text";
import { createMeetingInput, joinInput, meetingRef } from "@/lib/schemas/meeting";
import { commentInput, feedbackInput, postIdeaInput, voteInput } from "@/lib/schemas/governance";
import { listUsersInput } from "@/lib/schemas/admin";
import { signUpSchema } from "@/lib/schemas/account";
import { recordListInput } from "@/lib/schemas/records";

// PostgreSQL cannot store U+0000 in text: every schema refuses it, whatever the field.
const NUL = String.fromCharCode(0);

const CASES: [string, z.ZodType, Record<string, unknown>, string][] = [
  ["meeting id", meetingRef, { meetingId: "m_1" }, "meetingId"],
  ["meeting title", createMeetingInput, { title: "Budget" }, "title"],
  ["invite code", joinInput, { inviteCode: "ABCDEFGH" }, "inviteCode"],
  ["idea text", postIdeaInput, { meetingId: "m_1", text: "An idea" }, "text"],
  ["comment", commentInput, { meetingId: "m_1", ideaId: "i_1", kind: "comment", text: "Hm" }, "text"],
  ["vote option", voteInput, { meetingId: "m_1", proposalId: "p_1", optionId: "yes" }, "optionId"],
  ["feedback comment", feedbackInput, { meetingId: "m_1", rating: 4, comment: "Good" }, "comment"],
  ["user search", listUsersInput, { query: "ana" }, "query"],
  ["name", signUpSchema, { name: "Ana", email: "ana@example.test", password: "long enough pass" }, "name"],
  ["record search", recordListInput, { search: "budget" }, "search"],
];

describe("no schema accepts a NUL character", () => {
  it.each(CASES)("%s", (_, schema, valid, field) => {
    expect(schema.safeParse(valid).success).toBe(true);
    const result = schema.safeParse({ ...valid, [field]: `a${NUL}b` });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toContain(NO_NUL_MESSAGE);
  });

  it("still trims and bounds as before", () => {
    expect(createMeetingInput.safeParse({ title: "  " }).success).toBe(false);
    expect(createMeetingInput.parse({ title: "  Budget  " }).title).toBe("Budget");
  });
});
