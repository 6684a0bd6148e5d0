import "server-only";
import { authSecret, env } from "../env";
import { decryptSecret, deriveConnectionKey, encryptSecret } from "./secretBox";

let key: Buffer | undefined;

/** VAJRA_CONNECTION_KEY when set (so the session secret can rotate alone), else derived from the session secret. */
function connectionKey(): Buffer {
  key ??= deriveConnectionKey(env.VAJRA_CONNECTION_KEY ?? authSecret);
  return key;
}

/** A password sealed for one project's connection row. */
export function sealPassword(projectId: string, password: string): string {
  return encryptSecret(connectionKey(), password, `project:${projectId}`);
}

/** Throws SecretDecryptionError when the row was tampered with or the server's key has changed since. */
export function openPassword(projectId: string, sealed: string): string {
  return decryptSecret(connectionKey(), sealed, `project:${projectId}`);
}
