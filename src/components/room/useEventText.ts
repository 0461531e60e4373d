"use client";
import { useTranslations } from "next-intl";
import type { RoomEnvelope as EventEnvelope } from "@/core/room/envelope";
import { governanceActivity } from "@/components/governance/activity";
import { floorActivity } from "./floorActivity";

/** Message key of an event: token events are told apart by their reason. */
function messageKey(e: EventEnvelope["event"]): string {
  return "reason" in e && e.type !== "phase.changed" ? `${e.type}.${e.reason}` : e.type;
}

/** An event of the meeting's log in words ("Ana asked for the floor"), `people` naming the ids. */
export function useEventText(people: Record<string, string>) {
  const t = useTranslations("room.activity");
  const tr = useTranslations("meetings.roles");
  const tp = useTranslations("meetings.phases");
  const tf = useTranslations("floor.activity");
  const name = (id: string | null | undefined) => (id ? (people[id] ?? "?") : "OrchestraSec");
  return ({ actorId, event }: Pick<EventEnvelope, "actorId" | "event">) => {
    const floor = floorActivity(event, name);
    if (floor) return tf(floor.key, { actor: name(actorId), ...floor.values });
    const governance = governanceActivity(event);
    return t(governance?.key ?? messageKey(event), {
      actor: name(actorId),
      subject: "userId" in event ? name(event.userId) : "",
      role: "role" in event ? tr(event.role) : "",
      phase: event.type === "phase.changed" ? tp(event.to) : "",
      ...governance?.values,
      format: event.type === "record.exported" ? event.format.toUpperCase() : "",
      policy: event.type === "video.micPolicySet" ? event.policy : "",
    });
  };
}
