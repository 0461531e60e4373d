// next-auth's own HTTP endpoints, driven as a browser drives them (for end-to-end tests against
// the started server): a csrf pair first, then the credentials form post.

/** "a=1; b=2" from Set-Cookie lines. */
export const cookieHeader = (setCookies: readonly string[]) =>
  setCookies.map((c) => c.split(";")[0]).join("; ");

/** A csrf token and the cookie that goes with it. */
async function csrfPair(baseUrl: string): Promise<{ csrfToken: string; cookie: string }> {
  const response = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { csrfToken, cookie: cookieHeader(response.headers.getSetCookie()) };
}

/**
 * POST /api/auth/callback/credentials with a valid csrf pair and `fields` (email, password,
 * callbackUrl...), as the sign-in form does with `redirect: false`. `cookie` is sent beside the
 * csrf cookie, `headers` beside the form's own, `query` after the path.
 */
export async function postCredentials(
  baseUrl: string,
  fields: Record<string, string>,
  extra: { cookie?: string; headers?: Record<string, string>; query?: string } = {},
): Promise<Response> {
  const { csrfToken, cookie } = await csrfPair(baseUrl);
  return fetch(`${baseUrl}/api/auth/callback/credentials${extra.query ?? ""}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: [cookie, extra.cookie].filter(Boolean).join("; "),
      ...extra.headers,
    },
    body: new URLSearchParams({ csrfToken, json: "true", ...fields }),
  });
}

/** Signs in through next-auth's endpoints; returns the Set-Cookie lines of the answer. */
export async function signInOverHttp(baseUrl: string, who: { email: string; password: string }) {
  return (
    await postCredentials(baseUrl, { email: who.email, password: who.password })
  ).headers.getSetCookie();
}
