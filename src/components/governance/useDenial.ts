"use client";
import { useTranslations } from "next-intl";
import { PERMISSIONS, type Action } from "@/core/permissions";
import type { RoomPage as Room } from "@/core/room/views";

/**
 * Why the viewer may not do an action, in words (null when allowed), from the permission matrix:
 * the wrong role, or the phases in which it becomes possible.
 */
export function useDenial(room: Room) {
  const t = useTranslations("governance.denied");
  const tp = useTranslations("meetings.phases");
  const me = room.me!;
  return (action: Action): string | null => {
    const why = me.can[action];
    if (why === null) return null;
    if (why !== "PHASE") return t(why);
    const phases = (PERMISSIONS[action] as Partial<Record<string, readonly string[]>>)[me.kind] ?? [];
    return t("PHASE", { phases: phases.map((p) => tp(p)).join(", ") });
  };
}
