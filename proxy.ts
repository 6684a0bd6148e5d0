import { NextResponse, type NextRequest } from "next/server";
import { newNonce, pageContentSecurityPolicy } from "@/server/http/contentSecurityPolicy";

/**
 * Gives every page a fresh CSP nonce. Next.js reads the nonce from the request's
 * Content-Security-Policy header and adds it to the scripts it renders; the browser gets the
 * same policy on the response. Pages are rendered per request (the root layout is dynamic),
 * which nonces require. The other security headers are set for every path in next.config.js.
 */
export function proxy(request: NextRequest) {
  const policy = pageContentSecurityPolicy(newNonce(), process.env.NODE_ENV === "development");
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Documents only: API routes, build assets (workers have their own policy) and images are not pages.
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
