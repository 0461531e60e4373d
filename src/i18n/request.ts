import { getRequestConfig } from "next-intl/server";
import { loadMessages } from "@/messages";
import { isAppLocale, routing } from "./routing";

export default getRequestConfig(async ({ requestLocale }) => {
  // The [locale] segment acts as a catch-all for unknown paths: fall back to the default locale.
  const requested = await requestLocale;
  const locale = isAppLocale(requested) ? requested : routing.defaultLocale;
  return {
    locale,
    messages: await loadMessages(locale),
  };
});
