import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Slant", template: "%s · Slant" },
  description: "Annotate news text for media bias: stance, sourcing, loaded language.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">{children}</body>
    </html>
  );
}
