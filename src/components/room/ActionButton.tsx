"use client";
import { useTranslations } from "next-intl";
import type { ButtonHTMLAttributes } from "react";
import type { Denial } from "@/core/permissions";
import { Button, type ButtonVariant } from "@/components/ui/Button";

/** A button the permission matrix may disable; the reason (or a more precise `reason`) is its tooltip. */
export function ActionButton({
  denied,
  reason: precise,
  variant,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & {
  denied: Denial | null;
  reason?: string | null;
  variant?: ButtonVariant;
}) {
  const t = useTranslations("room.denied");
  const reason = denied ? (precise ?? t(denied)) : undefined;
  return (
    <Button
      {...props}
      variant={variant}
      disabled={Boolean(denied) || props.disabled}
      title={reason ?? props.title}
      data-denied={denied ?? undefined}
    />
  );
}
