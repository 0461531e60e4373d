import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

// Content-Security-Policy is set per request by src/proxy.ts (pages need a fresh nonce); these
// are the same for every response.
const securityHeaders = [
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
  // Janus's client loads a native module (unix-dgram) by a path the bundle cannot follow: the
  // server requires it from node_modules instead.
  serverExternalPackages: ["janode", "unix-dgram"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default withNextIntl(nextConfig);
