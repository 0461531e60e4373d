"use client";
import { RefusalText } from "@/components/ui/RefusalText";
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { RoomPage as Room } from "@/core/room/views";
import { Button } from "@/components/ui/Button";
import { ActionButton } from "@/components/room/ActionButton";
import { focusAfter } from "@/lib/a11y/focus";
import { DeniedNote } from "./DeniedNote";
import { DECISIONS_ID } from "./DecisionList";
import { RulesLine } from "./RulesLine";
import { TallyBars } from "./TallyBars";
import { useDenial } from "./useDenial";
import { useOptionLabel } from "./useOptionLabel";
import type { BoardIdea, BoardProposal } from "@/core/room/views";
import type { RoomActions } from "@/components/room/useRoomActions";

/** A proposal open to the vote: what is asked, who has voted, the viewer's ballot. */
export function BallotCard({
  room,
  actions,
  proposal: p,
  ideas,
}: {
  room: Room;
  actions: RoomActions;
  proposal: BoardProposal;
  ideas: BoardIdea[];
}) {
  const t = useTranslations("governance.proposal");
  const tg = useTranslations("governance");
  const deniedText = useDenial(room);
  const labelOf = useOptionLabel();
  const me = room.me!;
  const { vote, closeProposal } = actions;
  const [confirming, setConfirming] = useState(false);
  const ref = { meetingId: room.meeting.id, proposalId: p.proposalId };
  const secretDone = p.secrecy === "secret" && p.myVote.voted;
  const voteDenied = me.can["proposal.vote"];
  const linked = ideas.filter((i) => p.linkedIdeaIds.includes(i.ideaId));
  const headingId = `proposal-${p.proposalId}`;

  return (
    <article
      className="rounded-xl border-2 border-indigo-200 p-4"
      aria-labelledby={headingId}
      data-testid="proposal"
      data-proposal-id={p.proposalId}
    >
      <h3 id={headingId} className="text-lg font-semibold text-slate-900">
        {p.title}
      </h3>
      <RulesLine proposal={p} />
      {p.text && <p className="mt-2 whitespace-pre-line text-slate-700">{p.text}</p>}
      {linked.length > 0 && (
        <p className="mt-2 text-sm text-slate-600">
          <span className="font-medium">{t("linkedIdeas")}</span>{" "}
          {linked.map((i) => tg("quote", { text: i.text })).join(", ")}
        </p>
      )}

      <div className="mt-3" data-testid="turnout">
        <p className="text-sm text-slate-700">{t("turnout", { voted: p.voted, entitled: p.entitled })}</p>
        <div className="mt-1 h-1.5 rounded-full bg-slate-100" aria-hidden>
          <div
            className="h-1.5 rounded-full bg-indigo-500"
            style={{ width: `${p.entitled ? Math.round((100 * p.voted) / p.entitled) : 0}%` }}
          />
        </div>
      </div>

      <fieldset className="mt-4">
        <legend className="text-sm font-medium text-slate-800">{t("yourVote")}</legend>
        <div className="mt-2 flex flex-wrap gap-2">
          {p.options.map((o) => {
            const chosen = p.myVote.optionId === o.id;
            return (
              <ActionButton
                key={o.id}
                variant={chosen ? "primary" : "secondary"}
                aria-pressed={chosen}
                denied={voteDenied}
                reason={deniedText("proposal.vote")}
                disabled={vote.isPending || secretDone}
                onClick={() => !chosen && vote.mutate({ ...ref, optionId: o.id })}
                data-testid={`vote-${o.id}`}
              >
                {chosen && <span aria-hidden>✓</span>}
                {labelOf(o)}
              </ActionButton>
            );
          })}
        </div>
        <p className="mt-2 text-sm text-slate-600" aria-live="polite" data-testid="my-vote">
          {p.secrecy === "secret"
            ? p.myVote.voted
              ? t("secretVoted")
              : t("secretHint")
            : p.myVote.optionId
              ? t("openVoted", { option: labelOf(p.options.find((o) => o.id === p.myVote.optionId)!) })
              : t("openHint")}
        </p>
        <DeniedNote reason={deniedText("proposal.vote")} />
        {vote.error && (
          <p role="alert" className="mt-2 text-sm text-rose-700">
            <RefusalText error={vote.error} />
          </p>
        )}
      </fieldset>

      {p.counts && p.ballots ? (
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <div>
            <h4 className="text-sm font-medium text-slate-800">{t("liveCounts")}</h4>
            <div className="mt-2">
              <TallyBars options={p.options} counts={p.counts} />
            </div>
          </div>
          <div>
            <h4 className="text-sm font-medium text-slate-800">{t("whoChoseWhat")}</h4>
            {p.ballots.length === 0 ? (
              <p className="mt-2 text-sm text-slate-500">{t("noVotesYet")}</p>
            ) : (
              <ul className="mt-2 space-y-1 text-sm" data-testid="ballots">
                {p.ballots.map((b) => (
                  <li key={b.userId} className="flex justify-between gap-2">
                    <span>{b.name}</span>
                    <span className="font-medium">
                      {labelOf(p.options.find((o) => o.id === b.optionId)!)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      ) : (
        <p className="mt-4 text-sm text-slate-500">{t("secretCountsHidden")}</p>
      )}

      {me.can["proposal.close"] === null && (
        <div className="mt-4 border-t border-slate-100 pt-3">
          {confirming ? (
            <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t("closeVote")}>
              <span className="text-sm text-slate-700">
                {t("closeConfirm", { voted: p.voted, entitled: p.entitled })}
              </span>
              <Button
                variant="danger"
                disabled={closeProposal.isPending}
                onClick={() => closeProposal.mutate(ref, { onSuccess: () => setConfirming(false) })}
                data-testid="confirm-close-vote"
                {...focusAfter(DECISIONS_ID)}
              >
                {t("closeNow")}
              </Button>
              <Button variant="ghost" autoFocus onClick={() => setConfirming(false)}>
                {t("cancel")}
              </Button>
            </div>
          ) : (
            <Button variant="secondary" onClick={() => setConfirming(true)} data-testid="close-vote">
              {t("closeVote")}
            </Button>
          )}
          {closeProposal.error && (
            <p role="alert" className="mt-2 text-sm text-rose-700">
              <RefusalText error={closeProposal.error} />
            </p>
          )}
        </div>
      )}
    </article>
  );
}
