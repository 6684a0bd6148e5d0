/** A name safe in any file system, from a user-given one ("Churn model!" → "churn-model"). */
export function fileNameStem(name: string, fallback = "download"): string {
  const stem = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[-.]+|-+$/g, "")
    .slice(0, 80);
  return stem === "" ? fallback : stem;
}

/** The extension of a downloaded model bundle: the serialized Model artifact an endpoint loads. */
export const MODEL_BUNDLE_EXTENSION = ".vajra-model";
