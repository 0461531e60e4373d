import { getDeps } from "@/server/deps";
import { sessionFromCookieHeader, unrestricted } from "@/server/auth/session";
import { adminAuditCsv } from "@/server/services/admin-audit";
import { download, toErrorResponse } from "@/server/http/responses";

// GET /api/admin/audit/export: the admin audit log as CSV, for Admins and Auditors. A plain GET so
// that `curl -b "next-auth.session-token=…" -OJ` works as well as the console's download link.

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const deps = getDeps();
    const session = await sessionFromCookieHeader(deps.db, request.headers.get("cookie") ?? undefined);
    const csv = await adminAuditCsv(deps, unrestricted(session));
    const day = deps.clock.now().toISOString().slice(0, 10);
    return download(
      Buffer.from(csv, "utf8"),
      `orchestrasec-admin-audit-${day}.csv`,
      "text/csv; charset=utf-8",
    );
  } catch (error) {
    return toErrorResponse(error);
  }
}
