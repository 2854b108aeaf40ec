/** @type {import('next').NextConfig} */

// Pages get their Content-Security-Policy, with a nonce per request, from proxy.ts. The API answers
// JSON, which no browser renders: its policy allows nothing.
const apiCsp = "default-src 'none'; frame-ancestors 'none'";

const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
];

module.exports = {
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() from next/navigation: pages answer 403 (not 200) to members whose role does not allow them.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/v1/:path*", headers: [{ key: "Content-Security-Policy", value: apiCsp }] },
    ];
  },
};
