import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * AES-256-GCM for connection passwords at rest. Stored as `v1.<iv>.<tag>.<ciphertext>` (base64url), so a later
 * format or key can be told apart. The associated data binds a ciphertext to its project: copied into another
 * project's row it does not decrypt.
 */
const VERSION = "v1";
const IV_BYTES = 12;

export class SecretDecryptionError extends Error {
  override name = "SecretDecryptionError";
}

/** A 256-bit key from any secret of at least 32 characters, separated from the secret's other uses by HKDF's info. */
export function deriveConnectionKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "vajra", "vajra-connection-secrets/v1", 32));
}

export function encryptSecret(key: Buffer, plaintext: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

export function decryptSecret(key: Buffer, stored: string, context: string): string {
  const [version, iv, tag, ciphertext, ...rest] = stored.split(".");
  if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined || rest.length > 0) {
    throw new SecretDecryptionError("Unknown secret format");
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    // Tampered, truncated, another project's, or encrypted under another key.
    throw new SecretDecryptionError("The secret does not decrypt with this key");
  }
}
