"use client";
import { useTranslations } from "next-intl";

/** Yes / no / abstain are named in the viewer's language; choices carry their own label. */
export function useOptionLabel() {
  const t = useTranslations("governance.options");
  return (option: { id: string; label: string | null }) =>
    option.label ?? (["yes", "no", "abstain"].includes(option.id) ? t(option.id) : option.id);
}
