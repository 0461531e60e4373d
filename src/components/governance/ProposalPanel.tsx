"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { RoomPage as Room } from "@/core/room/views";
import { Card } from "@/components/ui/Card";
import { ActionButton } from "@/components/room/ActionButton";
import { BallotCard } from "./BallotCard";
import { ProposalForm } from "./ProposalForm";
import { useDenial } from "./useDenial";
import type { RoomActions } from "@/components/room/useRoomActions";

/** The votes under way, and (for facilitators) the way to open one. */
export function ProposalPanel({ room, actions }: { room: Room; actions: RoomActions }) {
  const t = useTranslations("governance.proposals");
  const deniedText = useDenial(room);
  const [drafting, setDrafting] = useState(false);
  const board = room.board;
  const open = board?.proposals.filter((p) => p.closedAt === null) ?? [];
  const denied = room.me!.can["proposal.open"];
  const mayEverOpen = denied !== "ROLE" && denied !== "SIGN_IN";

  return (
    <Card
      title={t("heading")}
      actions={
        mayEverOpen &&
        !drafting && (
          <ActionButton
            denied={denied}
            reason={deniedText("proposal.open")}
            onClick={() => setDrafting(true)}
            data-testid="new-proposal"
          >
            {t("new")}
          </ActionButton>
        )
      }
    >
      {drafting && (
        <div className="mb-4">
          <ProposalForm
            meetingId={room.meeting.id}
            ideas={board?.ideas ?? []}
            actions={actions}
            onDone={() => setDrafting(false)}
          />
        </div>
      )}
      {open.length === 0 ? (
        !drafting && <p className="text-sm text-slate-500">{t(mayEverOpen ? "emptyFacilitator" : "empty")}</p>
      ) : (
        <div className="space-y-4">
          {open.map((p) => (
            <BallotCard
              key={p.proposalId}
              room={room}
              actions={actions}
              proposal={p}
              ideas={board?.ideas ?? []}
            />
          ))}
        </div>
      )}
    </Card>
  );
}
