"use client";
import type { ButtonHTMLAttributes, MouseEvent } from "react";

const VARIANTS = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-500 aria-disabled:bg-indigo-300",
  secondary: "bg-white text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50 aria-disabled:text-slate-500",
  danger: "bg-white text-rose-700 ring-1 ring-rose-300 hover:bg-rose-50 aria-disabled:text-rose-400",
  ghost: "text-slate-600 hover:bg-slate-100 aria-disabled:text-slate-500",
} as const;

export type ButtonVariant = keyof typeof VARIANTS;

/**
 * A button. `disabled` is rendered as `aria-disabled` (the click and the form submission are
 * refused), never as the native attribute: a natively disabled button drops keyboard focus to
 * the page, which is what happened when a pressed button was disabled while its call ran.
 */
export function Button({
  variant = "primary",
  className = "",
  disabled,
  onClick,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: ButtonVariant }) {
  const refuse = (e: MouseEvent<HTMLButtonElement>) => e.preventDefault();
  return (
    <button
      type="button"
      {...props}
      aria-disabled={disabled || props["aria-disabled"] ? true : undefined}
      onClick={disabled ? refuse : onClick}
      className={`inline-flex items-center justify-center gap-2 rounded-lg px-3 py-2 text-sm font-medium transition focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 aria-disabled:cursor-not-allowed ${VARIANTS[variant]} ${className}`}
    />
  );
}
