import { beforeAll, describe, expect, it, vi } from "vitest";
import { useFreshDatabase } from "../../testing/testDatabase";

await useFreshDatabase();
const { db } = await import("../../db");
const { callerWithHeaders, signedUpCaller } = await import("../../testing/callers");
type Caller = Awaited<ReturnType<typeof signedUpCaller>>["caller"];

let owner: Caller;
let teammate: Caller;
let teammateId: string;
let projectId: string;

beforeAll(async () => {
  owner = (await signedUpCaller("owner@example.com")).caller;
  const mate = await signedUpCaller("mate@example.com");
  teammate = mate.caller;
  teammateId = mate.user.id;
  projectId = (await owner.project.create({ name: "Shared" })).id;
});

describe("share links", () => {
  it("stores only a hash of a 256-bit token", async () => {
    const link = await owner.shareLink.create({ projectId, role: "viewer" });
    expect(link.token).toMatch(/^share_[A-Za-z0-9_-]{43}$/);
    const stored = await db.shareLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(link.token.slice(12));
  });

  it("joins with the link's role, and never lowers a higher role", async () => {
    const viewerLink = await owner.shareLink.create({ projectId, role: "viewer" });
    expect(await teammate.shareLink.accept({ token: viewerLink.token })).toEqual({ projectId, role: "viewer" });
    const editorLink = await owner.shareLink.create({ projectId, role: "editor" });
    expect(await teammate.shareLink.accept({ token: editorLink.token })).toEqual({ projectId, role: "editor" });
    expect(await teammate.shareLink.accept({ token: viewerLink.token })).toEqual({ projectId, role: "editor" });
  });

  it("stops working at once when revoked", async () => {
    const link = await owner.shareLink.create({ projectId, role: "viewer" });
    await owner.shareLink.revoke({ projectId, linkId: link.id });
    await expect(teammate.shareLink.preview({ token: link.token })).rejects.toThrow(/revoked/);
    await expect(teammate.shareLink.accept({ token: link.token })).rejects.toThrow(/revoked/);
  });

  it("stops working once expired", async () => {
    const link = await owner.shareLink.create({ projectId, role: "viewer", expiresInDays: 1 });
    await db.shareLink.update({ where: { id: link.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(teammate.shareLink.accept({ token: link.token })).rejects.toThrow(/expired/);
  });

  it("rejects unknown and tampered tokens", async () => {
    const link = await owner.shareLink.create({ projectId, role: "viewer" });
    const tampered = link.token.slice(0, -1) + (link.token.endsWith("A") ? "B" : "A");
    await expect(teammate.shareLink.accept({ token: tampered })).rejects.toThrow(/not valid/);
  });

  it("lets the owner change roles and remove members, but never the last owner", async () => {
    await owner.member.setRole({ projectId, userId: teammateId, role: "viewer" });
    expect((await owner.member.list({ projectId })).find((m) => m.userId === teammateId)?.role).toBe("viewer");
    const me = (await owner.member.list({ projectId })).find((m) => m.role === "owner")!;
    await expect(owner.member.setRole({ projectId, userId: me.userId, role: "editor" })).rejects.toThrow(/at least one owner/);
    await owner.member.remove({ projectId, userId: teammateId });
    await expect(teammate.project.get({ projectId })).rejects.toThrow(/not found/i);
  });
});

describe("API tokens", () => {
  it("lists prefixes only and refuses a revoked token", async () => {
    const { caller, token } = await signedUpCaller("scripter@example.com");
    const listed = await caller.apiToken.list();
    expect(listed).toHaveLength(1);
    expect(token.startsWith(listed[0]!.prefix)).toBe(true);
    expect(JSON.stringify(listed)).not.toContain(token);
    // Recorded off the request path (server/auth/tokenUse.ts), so it lands shortly after.
    await vi.waitFor(async () => expect((await caller.apiToken.list())[0]!.lastUsedAt).not.toBeNull());
    await caller.apiToken.revoke({ tokenId: listed[0]!.id });
    const nextRequest = await callerWithHeaders({ authorization: `Bearer ${token}` });
    await expect(nextRequest.project.list()).rejects.toThrow(/not valid/);
  });
});
