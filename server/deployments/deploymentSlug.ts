import { randomBytes } from "node:crypto";

/** A deployment's URL name: its name made URL-safe, plus random hex so names may repeat across projects. */
export function slugFor(name: string): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "model";
  return `${base}-${randomBytes(4).toString("hex")}`;
}
