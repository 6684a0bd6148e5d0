import { DomainError } from "../errors/domainError";

/** The one answer for a queue id that is not in the caller's project (or does not exist): ids never leak. */
export function queueNotFound(): DomainError {
  return new DomainError("notFound", "Labeling queue not found in this project.");
}
