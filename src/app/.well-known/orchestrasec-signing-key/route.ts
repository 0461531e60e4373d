import { getDeps } from "@/server/deps";
import { currentSigningKey, publishedKeys } from "@/server/security/signing-key";
import { toErrorResponse } from "@/server/http/responses";

// The public half of the key that signs exported records, for offline verification.
//   GET /.well-known/orchestrasec-signing-key              the current key, PEM
//   GET /.well-known/orchestrasec-signing-key?format=json  every key (retired ones too), with ids

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  try {
    const deps = getDeps();
    let keys = await publishedKeys(deps.db);
    if (!keys.some((k) => k.current)) {
      await currentSigningKey(deps); // a fresh server publishes its key before the first export
      keys = await publishedKeys(deps.db);
    }
    const headers = { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" };
    if (new URL(request.url).searchParams.get("format") === "json") {
      return Response.json({ keys }, { headers });
    }
    const current = keys.find((k) => k.current)!;
    return new Response(current.publicKey, {
      headers: { ...headers, "Content-Type": "application/x-pem-file", "X-Key-Id": current.keyId },
    });
  } catch (error) {
    return toErrorResponse(error);
  }
}
