import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/trpc/Providers";
import "./globals.css";

// Every page carries a per-request CSP nonce (proxy.ts), so none may be prerendered once and reused.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Vajra",
  description: "Visual ML pipelines and notebooks in the browser",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
