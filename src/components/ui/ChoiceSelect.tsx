"use client";
import { useEffect, useRef, useState, type ComponentProps, type KeyboardEvent } from "react";

/** Keys that move through a closed select's options, each one firing `change` in Chromium. */
const BROWSING_KEYS = new Set([
  "ArrowUp",
  "ArrowDown",
  "ArrowLeft",
  "ArrowRight",
  "Home",
  "End",
  "PageUp",
  "PageDown",
]);

type Props = Omit<ComponentProps<"select">, "value" | "onChange"> & {
  value: string;
  /** Called once per explicit choice: a pick with the pointer, or Enter / leaving the field. */
  onChoose: (value: string) => void;
  /** While true the choice cannot change; the field keeps its focus (never natively disabled). */
  busy?: boolean;
};

/**
 * A select that saves on an explicit choice, not on every arrow key: moving through the options
 * with the keyboard only changes what is shown, Enter or leaving the field saves it, Escape puts
 * the saved value back. A pick with the pointer saves at once.
 */
export function ChoiceSelect({ value, onChoose, busy = false, onKeyDown, onBlur, ...rest }: Props) {
  const [draft, setDraft] = useState(value);
  const browsing = useRef(false);
  useEffect(() => setDraft(value), [value]);

  const commit = (next: string) => {
    if (!busy && next !== value) onChoose(next);
  };
  const keyDown = (e: KeyboardEvent<HTMLSelectElement>) => {
    onKeyDown?.(e);
    if (BROWSING_KEYS.has(e.key) || e.key.length === 1) browsing.current = true;
    if (e.key === "Enter") {
      e.preventDefault();
      commit(draft);
    } else if (e.key === "Escape") {
      setDraft(value);
    }
  };
  return (
    <select
      {...rest}
      value={draft}
      aria-disabled={busy || undefined}
      onKeyDown={keyDown}
      onMouseDown={() => (browsing.current = false)}
      onChange={(e) => {
        if (busy) return;
        setDraft(e.target.value);
        if (browsing.current) browsing.current = false;
        else commit(e.target.value);
      }}
      onBlur={(e) => {
        onBlur?.(e);
        commit(draft);
      }}
    />
  );
}
