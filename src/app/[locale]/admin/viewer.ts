import { actorKindOf, type ActorKind } from "@/core/roles";
import { canGlobally, type AdminAction } from "@/core/permissions";
import { requireUser } from "@/server/auth/current-user";
import type { SessionUser } from "@/server/auth/session";

/** For admin pages: the signed-in user, their global kind, and whether `action` is open to them. */
export async function adminViewer(
  locale: string,
  path: string,
  action: AdminAction,
): Promise<{ user: SessionUser; kind: ActorKind; allowed: boolean }> {
  const user = await requireUser(locale, path);
  const kind = actorKindOf(user, null);
  return { user, kind, allowed: canGlobally(kind, action) };
}
