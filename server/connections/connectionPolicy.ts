import { lookup } from "node:dns/promises";
import { realpathSync, statSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { sqliteFolder } from "@/contracts/sqliteFolder";
import { ConnectionError } from "./connectionErrors";

/** An allow-list entry: a host name or IP, on any port unless one is given. */
export interface AllowedHost {
  host: string;
  port?: number;
}

export type HostLookup = (host: string) => Promise<string[]>;

const systemLookup: HostLookup = async (host) => (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/** sql.js reads the whole file into memory. */
const SQLITE_MAX_BYTES = 512 * 1024 * 1024;

/** Parses VAJRA_SQL_ALLOWED_HOSTS: `host`, `host:port`, `[v6]` or `[v6]:port`, comma separated. */
export function parseAllowedHosts(text: string): AllowedHost[] {
  return text
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
      if (bracketed) return withPort(bracketed[1]!, bracketed[2], entry);
      if (isIP(entry) === 6) return { host: entry };
      const [host, port, ...rest] = entry.split(":");
      if (rest.length > 0 || !host) throw new Error(`VAJRA_SQL_ALLOWED_HOSTS: cannot read "${entry}" (write host, host:port or [v6]:port)`);
      return withPort(host, port, entry);
    });
}

/**
 * The configured entries plus, where the server runs an embedded PostgreSQL, that database's host and port as
 * the server reaches it. A managed DATABASE_URL is not added: it is the app's own database, reachable only
 * when an administrator lists it.
 */
export function defaultAllowedHosts(configured: string, embeddedDatabaseUrl: string | null): AllowedHost[] {
  const hosts = parseAllowedHosts(configured);
  if (embeddedDatabaseUrl === null) return hosts;
  const embedded = new URL(embeddedDatabaseUrl);
  return [...hosts, { host: embedded.hostname, port: Number(embedded.port || 5432) }];
}

function withPort(host: string, port: string | undefined, entry: string): AllowedHost {
  if (port === undefined) return { host };
  const number = Number(port);
  if (!Number.isInteger(number) || number < 1 || number > 65535) throw new Error(`VAJRA_SQL_ALLOWED_HOSTS: "${entry}" has no valid port`);
  return { host, port: number };
}

/** One spelling per address: lower case, IPv4-mapped IPv6 as plain IPv4. */
function normalizeAddress(address: string): string {
  const lower = address.toLowerCase();
  return lower.startsWith("::ffff:") && isIP(lower.slice(7)) === 4 ? lower.slice(7) : lower;
}

/**
 * Where a project's connections may go. A PostgreSQL host is resolved once and every address it resolves to
 * must be allowed; the driver is then given that address, so a name that resolves differently a moment later
 * (DNS rebinding) cannot lead it elsewhere. SQLite files must really lie in the project's own folder under the
 * data directory (symbolic links resolved).
 */
export class ConnectionPolicy {
  constructor(
    private readonly allowed: readonly AllowedHost[],
    private readonly dataDir: string,
    private readonly resolveHost: HostLookup = systemLookup,
  ) {}

  /** The address to connect to, or a ConnectionError saying the host is not allowed or not found. */
  async postgresAddress(host: string, port: number): Promise<string> {
    const target = host.replace(/^\[|\]$/g, "");
    const addresses = await this.addressesOf(target);
    if (addresses.length === 0) throw new ConnectionError("unreachable", `The host ${host} was not found.`);
    const allowedOnPort = await this.allowedAddresses(port);
    if (!addresses.every((address) => allowedOnPort.has(address))) {
      throw new ConnectionError(
        "notAllowed",
        `The host ${host}:${port} is not allowed by this server's configuration (VAJRA_SQL_ALLOWED_HOSTS); ask its administrator to allow it.`,
      );
    }
    return addresses[0]!;
  }

  /**
   * The real path of a SQLite file given relative to the project's own folder, `sqlite/<projectId>/` under the
   * data directory: a project never opens another project's files, nor anything else the server keeps there.
   */
  sqlitePath(projectId: string, relative: string): string {
    const folder = sqliteFolder(projectId);
    const notUnder = () =>
      new ConnectionError(
        "notAllowed",
        `The SQLite file "${relative}" is not in this project's folder (${folder}/ in the server's data directory), so it cannot be opened.`,
      );
    if (path.isAbsolute(relative) || !/^[A-Za-z0-9_-]+$/.test(projectId)) throw notUnder();
    const notFound = () =>
      new ConnectionError("notFound", `The SQLite file "${relative}" was not found in this project's folder (${folder}/ in the server's data directory).`);
    const within = (root: string, candidate: string) =>
      candidate.startsWith(root + path.sep) &&
      !path
        .relative(root, candidate)
        .split(path.sep)
        .some((segment) => segment.startsWith("."));
    // Refused by its spelling first, so a path into another project's folder is refused even where this one has none.
    const folderPath = path.resolve(this.dataDir, folder);
    if (!within(folderPath, path.resolve(folderPath, relative))) throw notUnder();
    let root: string;
    try {
      root = realpathSync(folderPath);
    } catch {
      throw notFound();
    }
    const inside = (candidate: string) => within(root, candidate);
    let real: string;
    try {
      real = realpathSync(path.resolve(root, relative));
    } catch {
      throw notFound();
    }
    // A link inside the folder may point anywhere: where it really leads must be inside too.
    if (!inside(real)) throw notUnder();
    const stat = statSync(real);
    if (!stat.isFile()) throw new ConnectionError("notFound", `"${relative}" is not a file.`);
    if (stat.size > SQLITE_MAX_BYTES) {
      throw new ConnectionError("tooLarge", `The SQLite file "${relative}" is larger than ${SQLITE_MAX_BYTES / 1024 / 1024} MiB, the most this server reads.`);
    }
    return real;
  }

  private async addressesOf(host: string): Promise<string[]> {
    if (isIP(host) !== 0) return [normalizeAddress(host)];
    try {
      return (await this.resolveHost(host)).map(normalizeAddress);
    } catch {
      return [];
    }
  }

  private async allowedAddresses(port: number): Promise<Set<string>> {
    const entries = this.allowed.filter((entry) => entry.port === undefined || entry.port === port);
    const resolved = await Promise.all(entries.map((entry) => this.addressesOf(entry.host)));
    return new Set(resolved.flat());
  }
}
