import { env } from "@/env";
import { getDeps } from "@/server/deps";
import { sessionFromCookieHeader, unrestricted } from "@/server/auth/session";
import { exportRecord } from "@/server/services/records/export";
import { download, errorResponse, publicOrigin, toErrorResponse } from "@/server/http/responses";
import { downloadQuery } from "@/lib/schemas/records";
import { zodRefusal } from "@/lib/errors/zod";
import { meetingId as meetingIdSchema } from "@/lib/schemas/meeting";
import { SIGNING_KEY_PATH } from "@/lib/records/paths";

// GET /api/meetings/<meetingId>/record?format=json|csv|pdf[&locale=en|fr]
// A plain GET so that `curl -b <session cookie>` works; authorised by the permission matrix and
// recorded in the meeting's log like every other action.

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ meetingId: string }> }) {
  try {
    const deps = getDeps();
    // A session that must first change its password or enrol 2FA downloads nothing (as in tRPC).
    const session = unrestricted(
      await sessionFromCookieHeader(deps.db, request.headers.get("cookie") ?? undefined),
    );
    const url = new URL(request.url);
    const query = downloadQuery.safeParse(Object.fromEntries(url.searchParams));
    const meetingId = meetingIdSchema.safeParse((await params).meetingId);
    if (!query.success || !meetingId.success) {
      const error = !query.success ? query.error : meetingId.error!;
      return errorResponse("BAD_REQUEST", zodRefusal(error));
    }
    const file = await exportRecord(deps, session, meetingId.data, query.data.format, {
      locale: query.data.locale,
      keyUrl: `${publicOrigin(request, env().NEXTAUTH_URL)}${SIGNING_KEY_PATH}`,
    });
    return download(file.body, file.filename, file.contentType);
  } catch (error) {
    return toErrorResponse(error);
  }
}
