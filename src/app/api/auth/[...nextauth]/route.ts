import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/server/auth/options";
import { authBaseUrl, guardCallbackParam } from "@/server/auth/callback-url-guard";

// next-auth v4's handlers for sign-in (credentials), sign-out, session and CSRF endpoints.
const nextAuth = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

/** next-auth, given a safe callbackUrl parameter (auth/callback-url-guard.ts): never its 500. */
async function handler(request: NextRequest, context: Context) {
  const guarded = guardCallbackParam(request.nextUrl, authBaseUrl(request.nextUrl));
  if (!guarded) return nextAuth(request, context);
  const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.text();
  return nextAuth(
    new NextRequest(guarded, { method: request.method, headers: request.headers, body }),
    context,
  );
}

export { handler as GET, handler as POST };
