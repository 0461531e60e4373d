import { createNavigation } from "next-intl/navigation";
import { routing } from "./routing";

// Locale-aware wrappers of Next's navigation APIs: hrefs are written without the locale prefix
// ("/meetings") and get the current (or the given) locale added.
export const { Link, usePathname, useRouter } = createNavigation(routing);
