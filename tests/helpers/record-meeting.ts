// A meeting driven through the real API from start to Closed, with a manual clock, so that its
// log holds every kind of event the record must render: members and roles, turns and waits,
// ideas, a question, a revision, an open vote with a changed ballot, a decision, feedback.
import type { SessionUser } from "@/server/auth/session";
import type { TestApp } from "./app";
import { governanceMeeting, type GovernanceMeeting } from "./governance";

export interface ScriptedMeeting extends GovernanceMeeting {
  ideaId: string;
  proposalId: string;
}

/** Runs the meeting up to `until` ("CLOSED" by default, or stops in "DECISION" with the vote open). */
export async function runScriptedMeeting(
  app: TestApp,
  opts: { title?: string; until?: "DECISION" | "CLOSED" } = {},
): Promise<ScriptedMeeting> {
  const m = await governanceMeeting(app, opts.title ?? "Budget 2027");
  const { meetingId, fac, bob, cy } = m;
  const as = (u: SessionUser) => app.as(u);
  const wait = (sec: number) => app.deps.clock.advance(sec * 1000);

  wait(10);
  await as(fac).tokens.request({ meetingId }); // free: Ana speaks
  wait(5);
  await as(bob).tokens.request({ meetingId });
  wait(5);
  await as(cy).tokens.request({ meetingId });
  wait(50);
  await as(fac).tokens.release({ meetingId }); // Bob next in line
  const { ideaId } = await as(bob).ideas.post({ meetingId, text: "Cut travel by 20%" });
  await as(cy).ideas.post({ meetingId, text: "Share desks on Fridays" });
  wait(90);
  await as(bob).tokens.release({ meetingId }); // Cy next
  wait(30);
  await as(fac).phases.change({ meetingId, to: "CLARIFICATION" });
  await as(cy).ideas.comment({ meetingId, ideaId, kind: "question", text: "Conferences too?" });
  await as(bob).ideas.revise({ meetingId, ideaId, text: "Cut travel by 20%, conferences excluded" });
  wait(30);
  await as(cy).tokens.release({ meetingId });
  await as(fac).phases.change({ meetingId, to: "DECISION" });
  const { proposalId } = await as(fac).decisions.open({
    meetingId,
    title: "Adopt the travel cut",
    text: "From May.",
    linkedIdeaIds: [ideaId],
    options: { kind: "yesNoAbstain" },
    secrecy: "open",
    quorumPercent: 50,
    majority: "simple",
  });
  await as(bob).decisions.vote({ meetingId, proposalId, optionId: "yes" });
  await as(cy).decisions.vote({ meetingId, proposalId, optionId: "no" });
  await as(cy).decisions.vote({ meetingId, proposalId, optionId: "yes" });
  if (opts.until === "DECISION") return { ...m, ideaId, proposalId };
  wait(20);
  await as(fac).decisions.close({ meetingId, proposalId });
  await as(fac).phases.change({ meetingId, to: "FEEDBACK" });
  await as(bob).feedback.give({ meetingId, rating: 4, comment: "Clear" });
  await as(cy).feedback.give({ meetingId, rating: 5 });
  wait(10);
  await as(fac).phases.change({ meetingId, to: "CLOSED" });
  return { ...m, ideaId, proposalId };
}
