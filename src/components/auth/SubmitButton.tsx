"use client";
import { useEffect, useState, type ReactNode } from "react";

/**
 * A sign-in/sign-up form's submit button. Disabled until the page is interactive (a click before
 * hydration would post the form natively, credentials in the body) and while the request runs.
 */
export function SubmitButton({
  pending,
  pendingLabel,
  children,
}: {
  pending: boolean;
  pendingLabel: ReactNode;
  children: ReactNode;
}) {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return (
    <button
      type="submit"
      className="btn-primary w-full py-2.5"
      disabled={!hydrated || pending}
      aria-busy={pending}
    >
      {pending ? pendingLabel : children}
    </button>
  );
}
