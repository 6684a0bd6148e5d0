import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, deriveConnectionKey, encryptSecret, SecretDecryptionError } from "./secretBox";

const key = deriveConnectionKey("a session secret of at least thirty-two characters");
const password = "s3cret-Pässword!";

/** Flips one bit of the given part (1 = iv, 2 = tag, 3 = ciphertext) of a sealed value. */
function tamper(sealed: string, part: number): string {
  const parts = sealed.split(".");
  const bytes = Buffer.from(parts[part]!, "base64url");
  bytes[0] = bytes[0]! ^ 1;
  parts[part] = bytes.toString("base64url");
  return parts.join(".");
}

describe("connection secrets at rest", () => {
  it("stores a versioned ciphertext that does not contain the password, and opens it again", () => {
    const sealed = encryptSecret(key, password, "project:p1");
    expect(sealed.startsWith("v1.")).toBe(true);
    expect(sealed).not.toContain(password);
    expect(Buffer.from(sealed.split(".")[3]!, "base64url").toString("utf8")).not.toContain("s3cret");
    expect(decryptSecret(key, sealed, "project:p1")).toBe(password);
  });

  it("uses a fresh IV each time, so the same password never seals the same way twice", () => {
    expect(encryptSecret(key, password, "project:p1")).not.toBe(encryptSecret(key, password, "project:p1"));
  });

  it("detects tampering with the IV, the tag or the ciphertext", () => {
    const sealed = encryptSecret(key, password, "project:p1");
    for (const part of [1, 2, 3]) expect(() => decryptSecret(key, tamper(sealed, part), "project:p1")).toThrow(SecretDecryptionError);
    expect(() => decryptSecret(key, sealed.split(".").slice(0, 3).join("."), "project:p1")).toThrow(SecretDecryptionError);
    // A truncated tag must not lower the bar of the check.
    const [v, iv, tag, ct] = sealed.split(".");
    expect(() => decryptSecret(key, [v, iv, tag!.slice(0, 6), ct].join("."), "project:p1")).toThrow(SecretDecryptionError);
  });

  it("does not open under another project or another key, nor an unknown format version", () => {
    const sealed = encryptSecret(key, password, "project:p1");
    expect(() => decryptSecret(key, sealed, "project:p2")).toThrow(SecretDecryptionError);
    expect(() => decryptSecret(deriveConnectionKey(randomBytes(32).toString("hex")), sealed, "project:p1")).toThrow(SecretDecryptionError);
    expect(() => decryptSecret(key, sealed.replace(/^v1/, "v9"), "project:p1")).toThrow(SecretDecryptionError);
  });
});
