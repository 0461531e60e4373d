import { describe, expect, it } from "vitest";
import type { MeetingEvent } from "@/core/events";
import {
  applyTokenEvent,
  emptyTokenState,
  grantToken,
  releaseToken,
  requestToken,
  type TokenState,
} from "@/core/tokens/engine";
import { orderQueue, type OrderInputs, type QueuePolicy } from "@/core/tokens/ordering";
import { moveInQueue } from "@/core/tokens/overrides";
import { declinePoint, grantPoint, raisePoint, setQueuePolicy } from "@/core/tokens/points";
import { code } from "../../helpers/domain-error";

// Four waiting people; tickets give the request order. Their closed turns and speaking time:
//   ana: ticket 1, 2 turns, 30 s | bob: ticket 2, 0 turns, 0 s
//   cy:  ticket 3, 1 turn,  90 s | dee: ticket 4, 1 turn, 30 s
const inputs = (policy: QueuePolicy, moves: OrderInputs["moves"] = []): OrderInputs => ({
  policy,
  moves,
  queue: [
    { userId: "ana", ticket: 1, since: 100 },
    { userId: "bob", ticket: 2, since: 200 },
    { userId: "cy", ticket: 3, since: 300 },
    { userId: "dee", ticket: 4, since: 400 },
  ],
  spoken: {
    ana: { turns: 2, speakingMs: 30_000 },
    cy: { turns: 1, speakingMs: 90_000 },
    dee: { turns: 1, speakingMs: 30_000 },
  },
});

const names = (s: OrderInputs) => orderQueue(s).map((q) => q.userId);

describe("orderQueue", () => {
  it.each([
    // policy, expected order: ties by request time
    ["FIRST_COME", ["ana", "bob", "cy", "dee"]],
    ["FEWEST_TURNS", ["bob", "cy", "dee", "ana"]], // cy and dee tie on 1 turn: cy asked first
    ["LEAST_TIME", ["bob", "ana", "dee", "cy"]], // ana and dee tie on 30 s: ana asked first
  ] as const)("orders by %s", (policy, expected) => {
    expect(names(inputs(policy))).toEqual(expected);
  });

  it("says why each person stands where they stand", () => {
    expect(orderQueue(inputs("LEAST_TIME"))[0]).toEqual({
      userId: "bob",
      ticket: 2,
      since: 200,
      turns: 0,
      speakingMs: 0,
      position: 1,
      placedBy: "LEAST_TIME",
    });
  });

  it("applies the facilitator's moves, in turn, on top of the policy", () => {
    const s = inputs("FEWEST_TURNS", [
      { userId: "ana", anchorId: "dee", direction: "up" }, // bob cy ana dee
      { userId: "bob", anchorId: "cy", direction: "down" }, // cy bob ana dee
    ]);
    expect(names(s)).toEqual(["cy", "bob", "ana", "dee"]);
    expect(orderQueue(s).map((q) => q.placedBy)).toEqual([
      "FEWEST_TURNS",
      "facilitator",
      "facilitator",
      "FEWEST_TURNS",
    ]);
  });
});

let seq = 0;
const fold = (s: TokenState, events: MeetingEvent[], at = 0) =>
  events.reduce((acc, e) => applyTokenEvent(acc, e, ++seq, at), s);

describe("the token engine under a policy", () => {
  it("passes the floor to whoever spoke least, and re-sorts when a turn ends", () => {
    let s = emptyTokenState();
    s = fold(s, setQueuePolicy(s, "LEAST_TIME"));
    s = fold(s, requestToken(s, "ana"), 0); // takes it at once
    s = fold(s, requestToken(s, "bob"), 1_000);
    s = fold(s, releaseToken(s, "ana"), 20_000); // ana spoke 20 s; bob takes the floor
    expect(s.holder?.userId).toBe("bob");
    s = fold(s, requestToken(s, "ana"), 21_000);
    s = fold(s, requestToken(s, "cy"), 22_000);
    // ana asked first but spoke 20 s; cy never spoke.
    expect(orderQueue(s).map((q) => [q.userId, q.turns, q.speakingMs])).toEqual([
      ["cy", 0, 0],
      ["ana", 1, 20_000],
    ]);
    expect(releaseToken(s, "bob")).toEqual([
      { type: "token.released", userId: "bob", reason: "released" },
      { type: "token.granted", userId: "cy", reason: "queue" },
    ]);
    expect(code(() => setQueuePolicy(s, "LEAST_TIME"))).toBe("PRECONDITION_FAILED");
  });

  it("records a reorder with its reason and the place it skipped; refuses impossible moves", () => {
    let s = emptyTokenState();
    for (const u of ["ana", "bob", "cy"]) s = fold(s, requestToken(s, u)); // ana holds
    const up = moveInQueue(s, "cy", "up", "short question");
    expect(up).toEqual([
      {
        type: "floor.reordered",
        userId: "cy",
        direction: "up",
        from: 2,
        to: 1,
        skipped: ["bob"],
        reason: "short question",
      },
    ]);
    s = fold(s, up);
    expect(orderQueue(s).map((q) => q.userId)).toEqual(["cy", "bob"]);
    expect(code(() => moveInQueue(s, "cy", "up", null))).toBe("PRECONDITION_FAILED");
    expect(code(() => moveInQueue(s, "bob", "down", null))).toBe("PRECONDITION_FAILED");
    expect(code(() => moveInQueue(s, "zed", "up", null))).toBe("PRECONDITION_FAILED");
    // Out of order now means ahead of cy: granting bob passes cy over.
    expect(grantToken(s, "bob", "urgent")[0]).toEqual({
      type: "floor.grantedOutOfOrder",
      userId: "bob",
      position: 2,
      skipped: ["cy"],
      reason: "urgent",
    });
    expect(grantToken(s, "cy").map((e) => e.type)).toEqual(["token.released", "token.granted"]);
  });
});

describe("a drag: one reorder over several places", () => {
  it("names everyone passed over, in queue order, and lands at the target place", () => {
    let s = emptyTokenState();
    for (const u of ["ana", "bob", "cy", "dee", "eve"]) s = fold(s, requestToken(s, u)); // ana holds
    // queue: bob cy dee eve
    const up = moveInQueue(s, "eve", "up", null, 3);
    expect(up).toEqual([
      {
        type: "floor.reordered",
        userId: "eve",
        direction: "up",
        from: 4,
        to: 1,
        skipped: ["bob", "cy", "dee"],
        reason: null,
      },
    ]);
    s = fold(s, up);
    expect(orderQueue(s).map((q) => q.userId)).toEqual(["eve", "bob", "cy", "dee"]);
    const down = moveInQueue(s, "bob", "down", "later", 2);
    expect(down[0]).toMatchObject({ from: 2, to: 4, skipped: ["cy", "dee"] });
    s = fold(s, down);
    expect(orderQueue(s).map((q) => q.userId)).toEqual(["eve", "cy", "dee", "bob"]);
    // Further than the queue goes (a stale drag): refused, nothing guessed.
    expect(code(() => moveInQueue(s, "dee", "up", null, 3))).toBe("PRECONDITION_FAILED");
    expect(code(() => moveInQueue(s, "cy", "down", null, 3))).toBe("PRECONDITION_FAILED");
  });
});

describe("points of order", () => {
  it("stand first come among themselves; one per person; granting gives the floor at once", () => {
    let s = emptyTokenState();
    s = fold(s, requestToken(s, "ana"));
    s = fold(s, raisePoint(s, "cy", "quorum"));
    s = fold(s, raisePoint(s, "bob", "agenda"));
    expect(s.points.map((p) => p.userId)).toEqual(["cy", "bob"]);
    expect(code(() => raisePoint(s, "cy", "again"))).toBe("CONFLICT");
    expect(grantPoint(s, "cy")).toEqual([
      { type: "floor.pointGranted", userId: "cy" },
      { type: "token.released", userId: "ana", reason: "replaced" },
      { type: "token.granted", userId: "cy", reason: "facilitator" },
    ]);
    s = fold(s, declinePoint(s, "bob", "not a point of order"));
    expect(s.points.map((p) => p.userId)).toEqual(["cy"]);
    expect(code(() => declinePoint(s, "bob", null))).toBe("PRECONDITION_FAILED");
  });
});

describe("property: at most one holder, and the queue is a permutation of the requesters", () => {
  it("holds for random command sequences under every policy", () => {
    const people = ["a", "b", "c", "d", "e"];
    let rnd = 7;
    const next = (n: number) => ((rnd = (rnd * 1_103_515_245 + 12_345) % 2 ** 31), rnd % n);
    for (let run = 0; run < 200; run++) {
      let s = emptyTokenState();
      let requested: string[] = [];
      for (let step = 0; step < 40; step++) {
        const u = people[next(people.length)];
        const commands = [
          () => requestToken(s, u),
          () => releaseToken(s, u),
          () => grantToken(s, u),
          () => moveInQueue(s, u, next(2) ? "up" : "down", null),
          () => raisePoint(s, u, "r"),
          () => grantPoint(s, u),
          () => setQueuePolicy(s, (["FIRST_COME", "FEWEST_TURNS", "LEAST_TIME"] as const)[next(3)]),
        ];
        const pick = commands[next(commands.length)];
        const events = ((): MeetingEvent[] | null => {
          try {
            return pick();
          } catch {
            return null; // refused: nothing changes
          }
        })();
        if (!events) continue;
        s = fold(s, events, step * 1000);
        for (const e of events) {
          if (e.type === "token.requested") requested.push(e.userId);
          if (e.type === "token.withdrawn" || e.type === "token.granted")
            requested = requested.filter((x) => x !== e.userId);
        }
        const order = orderQueue(s).map((q) => q.userId);
        expect([...order].sort()).toEqual([...requested].sort());
        expect(new Set(order).size).toBe(order.length);
        expect(order).not.toContain(s.holder?.userId);
      }
    }
  });
});

describe("statistics: floor by queue order vs by override", () => {
  it("counts out-of-order and point-of-order turns as overrides", () => {
    let s = emptyTokenState();
    for (const u of ["ana", "bob", "cy"]) s = fold(s, requestToken(s, u)); // ana: a turn in order
    s = fold(s, grantToken(s, "cy", null)); // cy passes bob: an override
    s = fold(s, raisePoint(s, "dee", "order"));
    s = fold(s, grantPoint(s, "dee")); // dee's point: an override
    s = fold(s, releaseToken(s, "dee")); // bob: next in line, in order
    expect(s.spoken).toEqual({
      ana: { turns: 1, speakingMs: 0 },
      cy: { turns: 1, speakingMs: 0 },
      dee: { turns: 1, speakingMs: 0 },
      bob: { turns: 1, speakingMs: 0 },
    });
    expect(s.overrideTurns).toEqual({ cy: 1, dee: 1 });
  });
});
