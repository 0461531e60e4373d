"use client";
import { useTranslations } from "next-intl";
import { formatDuration } from "@/lib/format";

/** The last seconds of a turn are highlighted. */
const COUNTDOWN_WARN_MS = 10_000;

/**
 * A turn's remaining time: a timer (role "timer" is not announced as it ticks); the end is said
 * once, in its own live region, so screen readers hear it and not every second.
 */
export function Countdown({
  endsAt,
  now,
  text,
}: {
  endsAt: number;
  now: number;
  text: (remaining: string) => string;
}) {
  const t = useTranslations("floor.countdown");
  const left = endsAt - now;
  const warn = left <= COUNTDOWN_WARN_MS;
  return (
    <>
      <p
        role="timer"
        data-testid="countdown"
        data-warning={warn ? "true" : "false"}
        className={`mt-1 text-sm ${warn ? "rounded bg-red-100 px-2 font-bold text-red-800 ring-2 ring-red-500" : "text-amber-700"}`}
      >
        {text(formatDuration(left))}
      </p>
      <p className="sr-only" aria-live="assertive">
        {left <= 0 ? t("ended") : ""}
      </p>
    </>
  );
}
