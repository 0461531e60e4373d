"use client";
import { useFormatter, useTranslations } from "next-intl";
import { Card } from "@/components/ui/Card";
import { RulesLine } from "./RulesLine";
import { TallyBars } from "./TallyBars";
import { useOptionLabel } from "./useOptionLabel";
import type { BoardView as Board, BoardProposal } from "@/core/room/views";

const OUTCOME_STYLE = {
  adopted: "bg-emerald-100 text-emerald-800",
  rejected: "bg-rose-100 text-rose-800",
  noQuorum: "bg-amber-100 text-amber-800",
} as const;

/** The decisions' card: where focus goes once a vote is closed (its result appears there). */
export const DECISIONS_ID = "decisions";

/** Every decision taken, with the context it was taken in. */
export function DecisionList({ board }: { board: Board | undefined }) {
  const t = useTranslations("governance.decisions");
  const decided = (board?.proposals ?? []).filter((p) => p.decision).reverse();
  return (
    <Card id={DECISIONS_ID} title={t("heading", { count: decided.length })}>
      {decided.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <ul className="space-y-4" data-testid="decisions">
          {decided.map((p) => (
            <DecisionItem key={p.proposalId} proposal={p} />
          ))}
        </ul>
      )}
    </Card>
  );
}

function DecisionItem({ proposal: p }: { proposal: BoardProposal }) {
  const t = useTranslations("governance.decisions");
  const tg = useTranslations("governance");
  const format = useFormatter();
  const labelOf = useOptionLabel();
  const d = p.decision!;
  const winner = p.options.find((o) => o.id === d.winningOptionId);
  return (
    <li className="rounded-xl border border-slate-200 p-4" data-testid="decision" data-outcome={d.outcome}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div>
          <h3 className="font-semibold text-slate-900">{p.title}</h3>
          <RulesLine proposal={p} />
        </div>
        <span className={`rounded-full px-3 py-1 text-sm font-semibold ${OUTCOME_STYLE[d.outcome]}`}>
          {t(`outcome.${d.outcome}`)}
          {winner?.label && <>: {winner.label}</>}
        </span>
      </div>
      {p.text && <p className="mt-2 whitespace-pre-line text-sm text-slate-700">{p.text}</p>}
      <p className="mt-2 text-sm text-slate-600">
        {t("turnout", { voted: d.votesCast, entitled: d.entitled, abstentions: d.abstentions })}
        {" · "}
        {t(d.quorumMet ? "quorumMet" : "quorumMissed", { percent: p.quorumPercent })}
      </p>
      {p.counts && (
        <div className="mt-3">
          <TallyBars options={p.options} counts={p.counts} winner={d.winningOptionId} />
        </div>
      )}
      <details className="mt-3 text-sm">
        <summary className="cursor-pointer text-indigo-700">{t("context")}</summary>
        <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[auto_1fr]">
          <dt className="font-medium text-slate-700">{t("entitled")}</dt>
          <dd className="text-slate-600">{d.entitledNames.join(", ") || "—"}</dd>
          <dt className="font-medium text-slate-700">{t("present")}</dt>
          <dd className="text-slate-600">{d.presentNames.join(", ") || "—"}</dd>
          {d.linkedIdeas.length > 0 && (
            <>
              <dt className="font-medium text-slate-700">{t("linkedIdeas")}</dt>
              <dd className="text-slate-600">
                {d.linkedIdeas.map((i) => tg("quote", { text: i.text })).join(", ")}
              </dd>
            </>
          )}
          {p.ballots && (
            <>
              <dt className="font-medium text-slate-700">{t("ballots")}</dt>
              <dd className="text-slate-600">
                {p.ballots
                  .map((b) =>
                    t("ballot", {
                      name: b.name,
                      option: labelOf(p.options.find((o) => o.id === b.optionId)!),
                    }),
                  )
                  .join(", ")}
              </dd>
            </>
          )}
          {d.decidedAt && (
            <>
              <dt className="font-medium text-slate-700">{t("decidedAt")}</dt>
              <dd className="text-slate-600">
                {format.dateTime(new Date(d.decidedAt), { dateStyle: "medium", timeStyle: "short" })}
              </dd>
            </>
          )}
        </dl>
      </details>
    </li>
  );
}
