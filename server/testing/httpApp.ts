import { handleAuthRequest } from "../auth/authRoute";
import { handleTrpcRequest } from "../api/trpcHttpHandler";
import { handleDatasetUpload } from "../datasets/datasetUploadHandler";
import { handleProjectExport } from "../projects/projectExportHandler";
import { handleProjectImport } from "../projects/projectImportHandler";
import { handleArtifactUpload } from "../runs/artifactUploadHandler";
import { serveHandler } from "./serveHandler";

/**
 * The app's own route handlers over real HTTP, routed as app/api does: /api/auth/*, /api/trpc,
 * dataset and artifact uploads, project export and import. For tests of sign-in, sessions and cross-site requests.
 */
export function serveApp() {
  return serveHandler(async (req, url) => {
    const path = url.pathname;
    if (path.startsWith("/api/auth/")) return handleAuthRequest(req, path.slice("/api/auth/".length).split("/"));
    if (path.startsWith("/api/trpc/")) return handleTrpcRequest(req);
    const dataset = path.match(/^\/api\/projects\/([^/]+)\/datasets$/);
    if (dataset && req.method === "POST") return handleDatasetUpload(req, dataset[1]!);
    const exported = path.match(/^\/api\/projects\/([^/]+)\/export$/);
    if (exported && req.method === "GET") return handleProjectExport(req, exported[1]!);
    if (path === "/api/projects/import" && req.method === "POST") return handleProjectImport(req);
    const artifact = path.match(/^\/api\/runs\/([^/]+)\/artifacts$/);
    if (artifact && req.method === "POST") return handleArtifactUpload(req, artifact[1]!);
    return new Response("not found", { status: 404 });
  });
}

/** A browser-like client of the served app: keeps cookies, signs in the way the sign-in page does. */
export class BrowserClient {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly extraHeaders: Record<string, string> = {},
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  /** Sends a request with this client's cookies, as the app's own pages would (same origin). */
  async fetch(path: string, init: RequestInit = {}, { sameOrigin = true } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    // Next.js tells route handlers the scheme it was reached by; next-auth picks cookie names from it.
    headers.set("x-forwarded-proto", "http");
    for (const [name, value] of Object.entries(this.extraHeaders)) headers.set(name, value);
    if (this.cookies.size > 0) headers.set("cookie", this.cookieHeader);
    if (sameOrigin && !headers.has("origin")) headers.set("origin", this.baseUrl);
    const response = await fetch(`${this.baseUrl}${path}`, { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  private async csrfToken(): Promise<string> {
    const response = await this.fetch("/api/auth/csrf");
    return ((await response.json()) as { csrfToken: string }).csrfToken;
  }

  /** Posts the credentials form as next-auth's client does; returns the raw response. */
  async signIn(email: string, password: string, callbackUrl = "/projects"): Promise<Response> {
    const body = new URLSearchParams({ email, password, csrfToken: await this.csrfToken(), callbackUrl, json: "true" });
    return this.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
  }

  async signOut(): Promise<Response> {
    const body = new URLSearchParams({ csrfToken: await this.csrfToken(), callbackUrl: "/signin", json: "true" });
    return this.fetch("/api/auth/signout", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
  }

  /** Calls a tRPC procedure over HTTP (superjson envelope) and returns status and parsed body. */
  async trpc(path: string, type: "query" | "mutation", input?: unknown, init: RequestInit = {}, options = { sameOrigin: true }) {
    const payload = JSON.stringify({ json: input });
    const response =
      type === "query"
        ? await this.fetch(`/api/trpc/${path}?input=${encodeURIComponent(payload)}`, init, options)
        : await this.fetch(
            `/api/trpc/${path}`,
            { ...init, method: "POST", headers: { "content-type": "application/json", ...init.headers }, body: payload },
            options,
          );
    return { status: response.status, headers: response.headers, body: (await response.json()) as TrpcBody };
  }
}

export interface TrpcBody {
  result?: { data?: { json?: unknown } };
  error?: { json?: { message?: string; data?: { code?: string; httpStatus?: number; fieldErrors?: Record<string, string[]> } } };
}
