import { handleAuthRequest } from "@/server/auth/authRoute";

async function handler(req: Request, { params }: { params: Promise<{ nextauth: string[] }> }) {
  return handleAuthRequest(req, (await params).nextauth);
}

export { handler as GET, handler as POST };
