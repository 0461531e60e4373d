// Every size the schemas accept gets through live, across processes: on PostgreSQL a NOTIFY
// payload is capped at 8000 bytes, so commands publish a pointer and each instance reads the rows;
// bus messages that are larger (ephemeral ones) are cut into chunks and put back together.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../helpers/app";
import { wsClientFor } from "../../helpers/ws-client";
import { follow } from "../../helpers/live-client";
import { IDEA_TEXT_MAX } from "@/core/ideas";
import {
  CHOICE_LABEL_MAX,
  CHOICES_MAX,
  PROPOSAL_TEXT_MAX,
  PROPOSAL_TITLE_MAX,
} from "@/core/decisions/ballot";
import type { SessionUser } from "@/server/auth/session";

process.env.NEXTAUTH_SECRET ??= "test-secret-for-large-payloads-0123456789";

/** `n` characters of accented letters: two bytes each in UTF-8. */
const accented = (n: number, seed = "éàüçñø") =>
  Array.from({ length: n }, (_, i) => seed[i % seed.length]).join("");

let app: TestApp;
let ana: SessionUser, bob: SessionUser;

beforeAll(async () => {
  app = await createTestApp();
  [ana, bob] = await Promise.all([app.user("Ana"), app.user("Bob")]);
});
afterAll(() => app?.close());

describe.runIf(process.env.TEST_DB === "postgres")(
  "the largest allowed payloads, live across two instances",
  () => {
    it("a 5,000-character accented description, a proposal at every maximum and a decision with 50 linked ideas", async () => {
      const { twoInstances } = await import("../../helpers/instances");
      await twoInstances(app, async ({ one, two }) => {
        const description = accented(5_000);
        expect(Buffer.byteLength(description)).toBe(10_000); // well past NOTIFY's 8000 bytes
        const { meetingId } = await one.as(ana).meetings.create({ title: accented(200), description });
        const { inviteCode } = await one.as(ana).meetings.room({ meetingId });
        await one.as(bob).meetings.join({ inviteCode });

        // Bob follows on instance 2; everything below is done through instance 1.
        const ws = await wsClientFor(two.port, bob);
        const bobSees = follow(ws.client, meetingId);
        await bobSees.until((f) => f.messages.some((m) => m.t === "ready"));
        expect(bobSees.view!.state.description).toBe(description);

        const ideaIds: string[] = [];
        for (let i = 0; i < 50; i++) {
          ideaIds.push(
            (await one.as(ana).ideas.post({ meetingId, text: accented(IDEA_TEXT_MAX, `${i}é`) })).ideaId,
          );
        }
        for (const to of ["CLARIFICATION", "DECISION"] as const)
          await one.as(ana).phases.change({ meetingId, to });
        const { proposalId } = await one.as(ana).decisions.open({
          meetingId,
          title: accented(PROPOSAL_TITLE_MAX),
          text: accented(PROPOSAL_TEXT_MAX),
          linkedIdeaIds: ideaIds,
          options: {
            kind: "choices",
            labels: Array.from({ length: CHOICES_MAX }, (_, i) => `${i} ${accented(CHOICE_LABEL_MAX - 2)}`),
          },
          secrecy: "secret",
          quorumPercent: 100,
          majority: "unanimity",
        });
        await one.as(bob).decisions.vote({ meetingId, proposalId, optionId: "choice-10" });
        await one.as(ana).decisions.close({ meetingId, proposalId });

        const { lastSeq } = await app.deps.db.meeting.findUniqueOrThrow({ where: { id: meetingId } });
        await bobSees.until((f) => f.view?.state.seq === lastSeq, "every event on instance 2", 30_000);
        const closed = bobSees.events().find((e) => e.event.type === "proposal.closed")!;
        expect(Buffer.byteLength(JSON.stringify(closed.event))).toBeGreaterThan(8_000);
        const decision = bobSees.view!.state.proposals[0].decision!;
        expect(decision.linkedIdeas).toHaveLength(50);
        expect(decision.tally.counts["choice-10"]).toBe(1);
        expect(bobSees.view!.state).toEqual((await two.as(bob).meetings.room({ meetingId })).state);
        bobSees.stop();
        ws.close();
      });
    });

    it("a bus message far larger than one notification arrives whole, and one past the limit is refused", async () => {
      const { PostgresEventBus, MAX_MESSAGE_BYTES } = await import("@/server/events/postgres-bus");
      const sender = new PostgresEventBus(app.database.url);
      const receiver = new PostgresEventBus(app.database.url);
      await Promise.all([sender.whenReady(), receiver.whenReady()]);
      try {
        const got: unknown[] = [];
        receiver.subscribe("big", (m) => got.push(m));
        const body = { text: accented(60_000), n: 1 }; // about 120 KB of UTF-8
        await sender.publish("big", body);
        await sender.publish("big", { n: 2 });
        await expect.poll(() => got.length, { timeout: 10_000 }).toBe(2);
        expect(got).toEqual([body, { n: 2 }]);
        await expect(sender.publish("big", { text: "x".repeat(MAX_MESSAGE_BYTES) })).rejects.toThrow(
          /too large/,
        );
      } finally {
        await sender.close();
        await receiver.close();
      }
    });
  },
);
