import { createTranslator } from "next-intl";
import en from "@/messages/en/errors.json";
import { describeRefusal, type ErrorTranslator } from "./describe";
import type { WireRefusal } from "./refusal";

const t = createTranslator({
  locale: "en",
  messages: { errors: en },
  namespace: "errors",
}) as unknown as ErrorTranslator;

/** The English sentence the API sends as the error's `message` (API users, logs). */
export const englishRefusal = (refusal: WireRefusal): string => describeRefusal(t, refusal);
