// The Content-Security-Policy of every response, set by the proxy (src/proxy.ts). Pure: no I/O.
//
// Pages get a fresh nonce per request: Next reads it from the request's own CSP header and puts
// it on every script it renders (bootstrap, chunks, streamed RSC payload), so script-src needs no
// 'unsafe-inline'; 'strict-dynamic' lets those scripts load the chunks they import. Responses
// that are not pages (API, downloads) get the same policy without a nonce: no script may run in
// them at all. React needs 'unsafe-eval' only in development (error overlays, stack traces).
// connect-src 'self' also covers ws:/wss: to the same host and port (CSP Level 3), where the
// tRPC WebSocket and, in development, Next's HMR socket live. Styles keep 'unsafe-inline': React
// and Konva set inline style attributes, which a nonce cannot cover.

/** 16 random bytes, base64: a nonce nobody can guess, fresh for each request. */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy(options: { nonce?: string; dev: boolean }): string {
  const scripts = ["'self'"];
  if (options.nonce) scripts.push(`'nonce-${options.nonce}'`, "'strict-dynamic'");
  if (options.dev) scripts.push("'unsafe-eval'");
  return [
    "default-src 'self'",
    `script-src ${scripts.join(" ")}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
