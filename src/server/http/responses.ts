import { DomainError, type DomainErrorCode } from "@/core/errors";
import { englishRefusal } from "@/lib/errors/english";
import type { WireRefusal } from "@/lib/errors/refusal";

// Plain HTTP route handlers (downloads, the public key) answer errors as the tRPC layer does:
// a domain error becomes its status with a readable message; anything else is logged and is a 500
// that says nothing about the internals.

const STATUS: Record<DomainErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  TOO_MANY_REQUESTS: 429,
};

export function errorResponse(code: DomainErrorCode, refusal: WireRefusal): Response {
  return Response.json(
    { error: { code, message: englishRefusal(refusal), refusal } },
    { status: STATUS[code], headers: { "Cache-Control": "no-store" } },
  );
}

export function toErrorResponse(error: unknown): Response {
  if (error instanceof DomainError) return errorResponse(error.code, error.toData());
  console.error(error);
  return Response.json(
    { error: { code: "INTERNAL_SERVER_ERROR", message: "Something went wrong on the server" } },
    { status: 500, headers: { "Cache-Control": "no-store" } },
  );
}

/** An attachment: the browser saves it, curl -OJ names it. */
export function download(body: Buffer, filename: string, contentType: string): Response {
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
      "Content-Length": String(body.length),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/** The server's public URL: NEXTAUTH_URL when set (behind a proxy), else the request's origin. */
export function publicOrigin(request: Request, configured: string | undefined): string {
  return (configured ?? new URL(request.url).origin).replace(/\/+$/, "");
}
