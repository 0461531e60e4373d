import { describe, expect, it } from "vitest";
import { changeRole, join, joinAction, leave, type Member } from "@/core/membership";
import { emptyTokenState, type TokenState } from "@/core/tokens/engine";
import { code } from "../../helpers/domain-error";

const t0 = Date.parse("2026-01-01T10:00:00Z");
const member = (userId: string, role: Member["role"], active = true): Member => ({ userId, role, active });
const members = [
  member("ana", "FACILITATOR"),
  member("bob", "PARTICIPANT"),
  member("olga", "OBSERVER"),
  member("gone", "FACILITATOR", false),
];
/** Bob has the floor and Ana waits for it. */
const busy: TokenState = {
  ...emptyTokenState(),
  holder: { userId: "bob", since: t0 },
  queue: [{ userId: "ana", ticket: 3, since: t0 }],
  turnLimitSec: null,
};
const meeting = { members, token: busy };

describe("membership rules", () => {
  it("joins newcomers as participants; a member opening the link again only views", () => {
    expect(join(members, "nina")).toEqual([{ type: "member.joined", userId: "nina", role: "PARTICIPANT" }]);
    expect(join(members, "bob")).toEqual([]);
    // Someone who left joins again.
    expect(join(members, "gone")).toEqual([{ type: "member.joined", userId: "gone", role: "PARTICIPANT" }]);
    expect(joinAction(members, "bob")).toBe("meeting.view");
    expect(joinAction(members, "nina")).toBe("meeting.join");
    expect(joinAction(members, "gone")).toBe("meeting.join");
  });

  it("leaving gives up the floor, and the queue passes it on", () => {
    expect(leave(meeting, "bob")).toEqual([
      { type: "token.released", userId: "bob", reason: "left" },
      { type: "token.granted", userId: "ana", reason: "queue" },
      { type: "member.left", userId: "bob" },
    ]);
    expect(leave({ members, token: emptyTokenState() }, "olga")).toEqual([
      { type: "member.left", userId: "olga" },
    ]);
  });

  it("keeps the only facilitator from leaving others without one, unless nobody else is left", () => {
    expect(code(() => leave(meeting, "ana"))).toBe("PRECONDITION_FAILED");
    const alone = { members: [member("ana", "FACILITATOR")], token: emptyTokenState() };
    expect(leave(alone, "ana")).toEqual([{ type: "member.left", userId: "ana" }]);
    const two = { members: [...members, member("fay", "FACILITATOR")], token: emptyTokenState() };
    expect(leave(two, "ana")).toEqual([{ type: "member.left", userId: "ana" }]);
  });

  it("changes roles; a new observer leaves the floor; the last facilitator stays one", () => {
    expect(changeRole(meeting, "bob", "OBSERVER")).toEqual([
      { type: "token.released", userId: "bob", reason: "demoted" },
      { type: "token.granted", userId: "ana", reason: "queue" },
      { type: "member.roleChanged", userId: "bob", role: "OBSERVER" },
    ]);
    const twoFacilitators = { members: [...members, member("fay", "FACILITATOR")], token: busy };
    expect(changeRole(twoFacilitators, "ana", "OBSERVER")).toEqual([
      { type: "token.withdrawn", userId: "ana", reason: "demoted" },
      { type: "member.roleChanged", userId: "ana", role: "OBSERVER" },
    ]);
    expect(code(() => changeRole({ members, token: emptyTokenState() }, "ana", "PARTICIPANT"))).toBe(
      "PRECONDITION_FAILED",
    );
    expect(changeRole(meeting, "olga", "PARTICIPANT")).toEqual([
      { type: "member.roleChanged", userId: "olga", role: "PARTICIPANT" },
    ]);
    expect(changeRole(meeting, "bob", "PARTICIPANT")).toEqual([]);
    expect(code(() => changeRole(meeting, "gone", "PARTICIPANT"))).toBe("NOT_FOUND");
  });
});
