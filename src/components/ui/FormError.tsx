"use client";
import { useEffect, useRef, type ReactNode } from "react";

/**
 * What went wrong with a form as a whole (not one field), announced as an alert. It takes the
 * focus when it appears, so keyboard and screen-reader users land on it, unless the form moves
 * the focus itself (`focus={false}`).
 */
export function FormError({
  message,
  focus = true,
  className = "",
  children,
}: {
  message: string | null;
  focus?: boolean;
  className?: string;
  /** Shown after the message, e.g. a link to what to do next. */
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message && focus) ref.current?.focus();
  }, [message, focus]);
  if (!message) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      className={`notice-error ${className}`}
      data-testid="form-error"
    >
      {message}
      {children}
    </div>
  );
}
