// The rule lives with the server's redirect callback so the pages and next-auth cannot disagree.
export { safeCallbackUrl } from "@/server/auth/callbackUrl";
