import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

// next.config runs before src/env.ts can be imported; NODE_ENV is set by Next itself.
const isDev = process.env.NODE_ENV !== "production";

/**
 * One static policy for every route (no nonces: pages are rendered per request anyway, but Next's
 * inline bootstrap scripts need 'unsafe-inline' without a nonce). React needs 'unsafe-eval' only in
 * development (error overlays, server stack reconstruction). connect-src 'self' also covers
 * ws:/wss: to the same host and port (CSP Level 3), which is where our tRPC WebSocket and, in
 * development, Next's HMR socket live.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
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

const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  {
    key: "Permissions-Policy",
    value: "camera=(self), microphone=(self), display-capture=(self), geolocation=(), payment=(), usb=()",
  },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Next 16 blocks dev-only resources (HMR socket, which the page waits for before hydrating) for
  // any origin but the configured hostname: allow the loopback names tests and people use.
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
