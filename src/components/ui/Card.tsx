import type { ReactNode } from "react";
import { focusHome } from "@/lib/a11y/focus";

export function Card({
  title,
  children,
  className = "",
  actions,
  id,
}: {
  id?: string;
  title?: ReactNode;
  children: ReactNode;
  className?: string;
  actions?: ReactNode;
}) {
  return (
    <section id={id} className={`rounded-2xl border border-slate-200 bg-white p-5 shadow-sm ${className}`}>
      {(title || actions) && (
        <header className="mb-3 flex items-center justify-between gap-2">
          {/* A card's heading is where focus goes when the control pressed in it disappears. */}
          {title && (
            <h2 {...focusHome} className="text-sm font-semibold uppercase tracking-wide text-slate-500">
              {title}
            </h2>
          )}
          {actions}
        </header>
      )}
      {children}
    </section>
  );
}
