"use client";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { RoomPage as Room } from "@/core/room/views";

type Facts = { phase: string; floor: string; place: string };

/**
 * One polite live region that says what changed, once: a new phase, who has the floor (or that
 * it is mine), my place in the queue. It is built from those facts only, never from the clock, so
 * no tick is heard; only the facts that changed are said. The visible panels have no live region.
 */
export function Announcer({ room }: { room: Room }) {
  const t = useTranslations("a11y.announce");
  const tp = useTranslations("errors.phases");
  const me = room.me;
  const holder = room.holder;
  const place = room.queue.find((q) => q.userId === me?.userId)?.position;
  const facts: Facts = {
    phase: t("phase", { phase: tp(room.meeting.phase) }),
    floor: holder
      ? holder.userId === me?.userId
        ? t("yourTurn")
        : t("holder", { name: holder.name })
      : t("free"),
    place: place ? t("place", { place }) : "",
  };
  const previous = useRef<Facts | null>(null);
  const [said, setSaid] = useState("");
  const key = JSON.stringify(facts);
  useEffect(() => {
    const now = JSON.parse(key) as Facts;
    const before = previous.current;
    previous.current = now;
    if (!before) return; // the page as loaded is not news
    const changed = (Object.keys(now) as (keyof Facts)[]).filter(
      (k) => now[k] !== before[k] && now[k] !== "",
    );
    if (changed.length) setSaid(changed.map((k) => now[k]).join(" "));
  }, [key]);
  return (
    <p role="status" aria-live="polite" className="sr-only" data-testid="announcer">
      {said}
    </p>
  );
}
