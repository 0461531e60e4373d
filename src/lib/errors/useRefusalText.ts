"use client";
import { useTranslations } from "next-intl";
import { describeRefusal, type ErrorTranslator } from "./describe";
import { refusalOf } from "./refusal";

/** The translated sentence for any error a call gave: its refusal, or a generic sentence. */
export function useRefusalText() {
  const t = useTranslations("errors") as unknown as ErrorTranslator;
  return (error: unknown): string => {
    const refusal = refusalOf(error);
    return refusal ? describeRefusal(t, refusal) : t("generic");
  };
}
