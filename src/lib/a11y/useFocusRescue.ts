"use client";
import { useCallback } from "react";
import { FOCUS_AFTER, FOCUS_HOME } from "./focus";

function homeIn(el: Element | null): HTMLElement | null {
  const home = el?.matches(`[${FOCUS_HOME}]`) ? el : el?.querySelector(`[${FOCUS_HOME}]`);
  return home instanceof HTMLElement ? home : null;
}

/**
 * Keeps keyboard focus inside the element it is given (as a ref) when the page changes under it.
 * A live page replaces what the pressed control belonged to (the queue row of the person just
 * given the floor, the vote just closed, the form just sent): the browser then drops focus to
 * <body>, and a keyboard or screen-reader user is thrown back to the top of the page. When that
 * happens, focus goes to the place the control named, else back to the control if it is still
 * there (React moved it), else to the first focus home of its nearest ancestor still on the page.
 * A pointer press clears the memory: clicking an empty spot is a choice to leave focus there.
 */
export function useFocusRescue() {
  return useCallback((container: HTMLElement | null) => {
    if (!container) return;
    let last: Element | null = null;
    let ancestors: Element[] = [];
    const remember = (e: FocusEvent) => {
      last = e.target as Element;
      ancestors = [];
      for (let a = last.parentElement; a && a !== container.parentElement; a = a.parentElement)
        ancestors.push(a);
    };
    const forget = () => {
      last = null;
    };
    const rescue = () => {
      const active = document.activeElement;
      // Focus in the browser's own UI (Tab past the page's end) is the user's, not lost.
      if (!last || (active && active !== document.body) || !document.hasFocus()) return;
      const named = last.getAttribute(FOCUS_AFTER);
      const target =
        homeIn(named ? document.getElementById(named) : null) ??
        (last.isConnected && last instanceof HTMLElement ? last : null) ??
        ancestors.map((a) => (a.isConnected ? homeIn(a) : null)).find(Boolean);
      target?.focus();
    };
    // Every change of the room's DOM is a moment focus may have been lost; the check is cheap.
    const observer = new MutationObserver(rescue);
    observer.observe(container, { subtree: true, childList: true });
    container.addEventListener("focusin", remember);
    document.addEventListener("pointerdown", forget, true);
    return () => {
      observer.disconnect();
      container.removeEventListener("focusin", remember);
      document.removeEventListener("pointerdown", forget, true);
    };
  }, []);
}
