"use client";
import { useTranslations } from "next-intl";
import type { BoardProposal } from "@/core/room/views";

/** "Secret ballot · quorum 50% · simple majority" */
export function RulesLine({ proposal }: { proposal: BoardProposal }) {
  const t = useTranslations("governance.proposal");
  const tm = useTranslations("governance.majority");
  return (
    <p className="text-xs text-slate-500">
      {t(`ballot.${proposal.secrecy}`)} · {t("quorum", { percent: proposal.quorumPercent })} ·{" "}
      {tm(proposal.majority)}
    </p>
  );
}
