import { canGlobally, type AdminAction } from "@/core/permissions";
import { requireUser } from "@/server/auth/current-user";
import type { SessionUser } from "@/server/auth/session";

/** For admin pages: the signed-in user, and whether `action` is open to them. */
export async function adminViewer(
  locale: string,
  path: string,
  action: AdminAction,
): Promise<{ user: SessionUser; allowed: boolean }> {
  const user = await requireUser(locale, path);
  return { user, allowed: canGlobally(user, action) };
}
