import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Slant", template: "%s · Slant" },
  description: "Annotate news text for media bias: stance, sourcing, loaded language.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Rendered per request, never prerendered: Next puts proxy.ts's per-request CSP nonce on its scripts.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">{children}</body>
    </html>
  );
}
