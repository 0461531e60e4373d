"use client";
import { RefusalText } from "@/components/ui/RefusalText";
import { useState } from "react";
import { useTranslations } from "next-intl";
import {
  MAJORITY_RULES,
  PROPOSAL_TEXT_MAX,
  PROPOSAL_TITLE_MAX,
  type MajorityRule,
} from "@/core/decisions/ballot";
import { Button } from "@/components/ui/Button";
import type { BoardIdea } from "@/core/room/views";
import type { RoomActions } from "@/components/room/useRoomActions";

const field = "mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 text-sm";
const label = "block text-sm font-medium text-slate-800";

/** The facilitator's form to put a proposal to the vote. */
export function ProposalForm({
  meetingId,
  ideas,
  actions,
  onDone,
}: {
  meetingId: string;
  ideas: BoardIdea[];
  actions: RoomActions;
  onDone: () => void;
}) {
  const t = useTranslations("governance.proposalForm");
  const tm = useTranslations("governance.majority");
  const open = actions.openProposal;
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [linked, setLinked] = useState<string[]>([]);
  const [kind, setKind] = useState<"yesNoAbstain" | "choices">("yesNoAbstain");
  const [choices, setChoices] = useState("");
  const [secrecy, setSecrecy] = useState<"open" | "secret">("open");
  const [quorum, setQuorum] = useState(50);
  const [majority, setMajority] = useState<MajorityRule>("simple");

  const labels = choices
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const submit = () =>
    open.mutate(
      {
        meetingId,
        title,
        text,
        linkedIdeaIds: linked,
        options: kind === "yesNoAbstain" ? { kind } : { kind, labels },
        secrecy,
        quorumPercent: quorum,
        majority,
      },
      { onSuccess: onDone },
    );

  return (
    <form
      className="space-y-4 rounded-xl bg-slate-50 p-4"
      aria-label={t("heading")}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3 className="font-semibold text-slate-900">{t("heading")}</h3>
      <div>
        <label htmlFor="proposal-title" className={label}>
          {t("title")}
        </label>
        <input
          id="proposal-title"
          name="title"
          required
          autoFocus
          maxLength={PROPOSAL_TITLE_MAX}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          className={field}
        />
      </div>
      <div>
        <label htmlFor="proposal-text" className={label}>
          {t("text")}
        </label>
        <textarea
          id="proposal-text"
          name="text"
          rows={3}
          maxLength={PROPOSAL_TEXT_MAX}
          value={text}
          onChange={(e) => setText(e.target.value)}
          className={field}
        />
      </div>

      {ideas.length > 0 && (
        <fieldset>
          <legend className={label}>{t("linkedIdeas")}</legend>
          <div className="mt-1 space-y-1">
            {ideas.map((idea) => (
              <label key={idea.ideaId} className="flex items-start gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  className="mt-0.5"
                  checked={linked.includes(idea.ideaId)}
                  onChange={(e) =>
                    setLinked((l) =>
                      e.target.checked ? [...l, idea.ideaId] : l.filter((x) => x !== idea.ideaId),
                    )
                  }
                />
                {idea.text}
              </label>
            ))}
          </div>
        </fieldset>
      )}

      <fieldset>
        <legend className={label}>{t("options")}</legend>
        <div className="mt-1 flex flex-wrap gap-4 text-sm">
          {(["yesNoAbstain", "choices"] as const).map((k) => (
            <label key={k} className="flex items-center gap-2">
              <input type="radio" name="options-kind" checked={kind === k} onChange={() => setKind(k)} />
              {t(`optionsKind.${k}`)}
            </label>
          ))}
        </div>
        {kind === "choices" && (
          <div className="mt-2">
            <label htmlFor="proposal-choices" className="text-sm text-slate-700">
              {t("choices")}
            </label>
            <textarea
              id="proposal-choices"
              name="choices"
              rows={3}
              value={choices}
              onChange={(e) => setChoices(e.target.value)}
              className={field}
              placeholder={t("choicesPlaceholder")}
            />
            <p className="mt-1 text-xs text-slate-500">{t("choicesHint")}</p>
          </div>
        )}
      </fieldset>

      <fieldset>
        <legend className={label}>{t("ballot")}</legend>
        <div className="mt-1 space-y-1 text-sm">
          {(["open", "secret"] as const).map((s) => (
            <label key={s} className="flex items-start gap-2">
              <input
                type="radio"
                name="secrecy"
                className="mt-0.5"
                checked={secrecy === s}
                onChange={() => setSecrecy(s)}
              />
              <span>
                <span className="font-medium">{t(`secrecy.${s}`)}</span>{" "}
                <span className="text-slate-500">{t(`secrecyHint.${s}`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="flex flex-wrap gap-4">
        <div>
          <label htmlFor="proposal-quorum" className={label}>
            {t("quorum")}
          </label>
          <div className="mt-1 flex items-center gap-2">
            <input
              id="proposal-quorum"
              type="number"
              min={0}
              max={100}
              step={1}
              value={quorum}
              onChange={(e) => setQuorum(Number(e.target.value))}
              className="w-24 rounded-lg border border-slate-300 px-3 py-2 text-sm"
              aria-describedby="proposal-quorum-hint"
            />
            <span className="text-sm text-slate-600">%</span>
          </div>
          <p id="proposal-quorum-hint" className="mt-1 max-w-xs text-xs text-slate-500">
            {t("quorumHint")}
          </p>
        </div>
        <div>
          <label htmlFor="proposal-majority" className={label}>
            {t("majority")}
          </label>
          <select
            id="proposal-majority"
            value={majority}
            onChange={(e) => setMajority(e.target.value as MajorityRule)}
            className="mt-1 rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            {MAJORITY_RULES.map((rule) => (
              <option key={rule} value={rule}>
                {tm(rule)}
              </option>
            ))}
          </select>
        </div>
      </div>

      {open.error && (
        <p role="alert" className="text-sm text-rose-700">
          <RefusalText error={open.error} />
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" disabled={open.isPending || title.trim() === ""}>
          {t("submit")}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
