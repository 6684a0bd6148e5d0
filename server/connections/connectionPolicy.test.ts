import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConnectionError } from "./connectionErrors";
import { ConnectionPolicy, defaultAllowedHosts, parseAllowedHosts, type HostLookup } from "./connectionPolicy";

/** A resolver with fixed answers, so a name can be made to resolve wherever a test needs (as a hostile DNS would). */
const fakeDns =
  (answers: Record<string, string[]>): HostLookup =>
  async (host) => {
    const found = answers[host];
    if (!found) throw new Error("ENOTFOUND");
    return found;
  };

const dns = fakeDns({
  "db.internal": ["192.0.2.10"],
  "sneaky.example": ["127.0.0.1"],
  "split.example": ["192.0.2.10", "10.0.0.1"],
  localhost: ["127.0.0.1", "::1"],
});

async function failure(promise: Promise<unknown>): Promise<ConnectionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ConnectionError)) throw new Error(`expected a ConnectionError, got ${String(error)}`);
  return error;
}

describe("allow-list of PostgreSQL hosts", () => {
  it("reads host, host:port and bracketed IPv6 entries", () => {
    expect(parseAllowedHosts(" db.internal:5432, 127.0.0.1 ,[::1]:6543,::1")).toEqual([
      { host: "db.internal", port: 5432 },
      { host: "127.0.0.1" },
      { host: "::1", port: 6543 },
      { host: "::1" },
    ]);
    expect(parseAllowedHosts("")).toEqual([]);
    expect(() => parseAllowedHosts("db:99999")).toThrow(/no valid port/);
  });

  it("adds the embedded PostgreSQL (its host and port) only where the server runs one", () => {
    expect(defaultAllowedHosts("", "postgres://vajra:pw@127.0.0.1:25432/vajra")).toEqual([{ host: "127.0.0.1", port: 25432 }]);
    expect(defaultAllowedHosts("db.internal", null)).toEqual([{ host: "db.internal" }]);
  });

  it("allows nothing by default", async () => {
    const policy = new ConnectionPolicy([], "/nonexistent", dns);
    expect((await failure(policy.postgresAddress("127.0.0.1", 5432))).failure).toBe("notAllowed");
  });

  it("refuses 10.0.0.1 and a name resolving to 127.0.0.1 when only another host is allowed", async () => {
    const policy = new ConnectionPolicy(parseAllowedHosts("db.internal:5432"), "/nonexistent", dns);
    const internal = await failure(policy.postgresAddress("10.0.0.1", 5432));
    expect(internal.failure).toBe("notAllowed");
    expect(internal.message).toMatch(/10\.0\.0\.1:5432 is not allowed by this server's configuration/);
    expect((await failure(policy.postgresAddress("sneaky.example", 5432))).failure).toBe("notAllowed");
    expect((await failure(policy.postgresAddress("localhost", 5432))).failure).toBe("notAllowed");
  });

  it("checks the resolved address, connects to it, and honours an entry's port", async () => {
    const policy = new ConnectionPolicy(parseAllowedHosts("db.internal:5432,127.0.0.1"), "/nonexistent", dns);
    expect(await policy.postgresAddress("db.internal", 5432)).toBe("192.0.2.10");
    expect(await policy.postgresAddress("192.0.2.10", 5432)).toBe("192.0.2.10");
    expect((await failure(policy.postgresAddress("db.internal", 5433))).failure).toBe("notAllowed");
    // The entry 127.0.0.1 allows the name that resolves there, on any port.
    expect(await policy.postgresAddress("sneaky.example", 25432)).toBe("127.0.0.1");
    expect(await policy.postgresAddress("::ffff:127.0.0.1", 1)).toBe("127.0.0.1");
  });

  it("refuses a name when any of its addresses is not allowed, and says so when a name does not resolve", async () => {
    const policy = new ConnectionPolicy(parseAllowedHosts("db.internal"), "/nonexistent", dns);
    expect((await failure(policy.postgresAddress("split.example", 5432))).failure).toBe("notAllowed");
    const unknown = await failure(policy.postgresAddress("nowhere.example", 5432));
    expect([unknown.failure, unknown.message]).toEqual(["unreachable", "The host nowhere.example was not found."]);
  });
});

describe("SQLite files in the project's folder under the data directory", () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), "vajra-policy-"));
  const outside = mkdtempSync(path.join(tmpdir(), "vajra-outside-"));
  const project = "cproject1";
  const folder = path.join(dataDir, "sqlite", project);
  mkdirSync(folder, { recursive: true });
  mkdirSync(path.join(dataDir, "sqlite", "cother"), { recursive: true });
  mkdirSync(path.join(dataDir, "postgres"));
  writeFileSync(path.join(folder, "shop.db"), "x");
  writeFileSync(path.join(dataDir, "sqlite", "cother", "theirs.db"), "x");
  writeFileSync(path.join(dataDir, "postgres", "data.db"), "x");
  writeFileSync(path.join(outside, "secret.db"), "x");
  symlinkSync(path.join(outside, "secret.db"), path.join(folder, "link-out.db"));
  symlinkSync(path.join(dataDir, "sqlite", "cother", "theirs.db"), path.join(folder, "link-other.db"));
  symlinkSync(path.join(folder, "shop.db"), path.join(folder, "link-in.db"));
  const policy = new ConnectionPolicy([], dataDir);
  const failureOf = (relative: string, projectId = project) => {
    try {
      policy.sqlitePath(projectId, relative);
    } catch (error) {
      return error instanceof ConnectionError ? error.failure : String(error);
    }
    return "opened";
  };

  it("opens a file in the folder, also through a link that stays inside", () => {
    expect(policy.sqlitePath(project, "shop.db")).toMatch(/sqlite\/cproject1\/shop\.db$/);
    expect(policy.sqlitePath(project, "link-in.db")).toMatch(/sqlite\/cproject1\/shop\.db$/);
  });

  it("refuses paths outside it: another project's files, links out, the server's own files", () => {
    expect(failureOf("../cother/theirs.db")).toBe("notAllowed");
    expect(failureOf("link-other.db")).toBe("notAllowed");
    expect(failureOf("theirs.db", "cother/../cproject1")).toBe("notAllowed");
    expect(failureOf("../../" + path.basename(outside) + "/secret.db")).toBe("notAllowed");
    expect(failureOf(path.join(outside, "secret.db"))).toBe("notAllowed");
    expect(failureOf("link-out.db")).toBe("notAllowed");
    expect(failureOf("../../postgres/data.db")).toBe("notAllowed");
    expect(failureOf("../../.auth-secret")).toBe("notAllowed");
    expect(failureOf("missing.db")).toBe("notFound");
    expect(failureOf("shop.db", "cnofolder")).toBe("notFound");
  });
});
