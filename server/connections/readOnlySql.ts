/**
 * Refuses a query that is not one read-only statement before it reaches a database. It is the first guard,
 * not the only one: PostgreSQL queries run in a READ ONLY transaction and SQLite files are read into memory
 * and never written back. Literals, quoted identifiers and comments are blanked first, so a word inside a
 * string ('delete me') or a quoted column ("update") does not count.
 */
export const READ_ONLY_MESSAGE = "Only read-only queries (SELECT) are allowed.";
export const ONE_STATEMENT_MESSAGE = "Only one query can run at a time: remove the statements after the first semicolon.";

const READ_STARTS = new Set(["select", "with", "values", "table"]);
/** Words that only a writing statement (or SELECT … INTO, which creates a table) contains. */
const WRITE_WORDS = new Set(["insert", "update", "delete", "merge", "upsert", "into", "truncate", "drop", "alter", "create", "grant", "revoke", "copy"]);
/** Functions that change settings, reach other servers or files, or stop other sessions, even inside a SELECT. */
const REFUSED_FUNCTIONS = new Set([
  "set_config",
  "dblink",
  "dblink_exec",
  "dblink_connect",
  "lo_import",
  "lo_export",
  "pg_terminate_backend",
  "pg_cancel_backend",
  "pg_reload_conf",
  "pg_read_file",
  "pg_read_binary_file",
  "pg_ls_dir",
  "pg_stat_file",
  "pg_file_write",
  "pg_logdir_ls",
  "pg_switch_wal",
  "pg_rotate_logfile",
  "pg_promote",
  "pg_notify",
  "pg_advisory_lock",
  "pg_advisory_lock_shared",
  // These run SQL given as text, which no check of this query's words can see.
  "query_to_xml",
  "query_to_xmlschema",
  "query_to_xml_and_xmlschema",
  "cursor_to_xml",
]);

/** PostgreSQL writes arrays as ARRAY[…]; only SQLite reads […] as a quoted name. */
type SqlDialect = "postgres" | "sqlite";

export type ReadOnlyCheck = { ok: true } | { ok: false; message: string };

export function checkReadOnlyQuery(query: string, dialect: SqlDialect): ReadOnlyCheck {
  const quotedNames: string[] = [];
  const blanked = blankLiterals(query, dialect, quotedNames);
  if (blanked === null) return { ok: false, message: "The query has an unterminated string, quoted name or comment." };
  // A quoted name is still a name: "pg_read_file"(…) calls the function.
  if (quotedNames.some((name) => REFUSED_FUNCTIONS.has(name.toLowerCase()))) return { ok: false, message: READ_ONLY_MESSAGE };
  const body = blanked.replace(/[\s;]+$/, "");
  if (body.includes(";")) return { ok: false, message: ONE_STATEMENT_MESSAGE };
  const words = (body.match(/[A-Za-z_][A-Za-z0-9_$]*/g) ?? []).map((word) => word.toLowerCase());
  const first = words[0];
  if (first === undefined) return { ok: false, message: "The query is empty." };
  if (!READ_STARTS.has(first)) return { ok: false, message: READ_ONLY_MESSAGE };
  if (words.some((word) => WRITE_WORDS.has(word) || REFUSED_FUNCTIONS.has(word))) return { ok: false, message: READ_ONLY_MESSAGE };
  return { ok: true };
}

/**
 * The query with every string literal (including E'…' and $tag$…$tag$), quoted identifier ("…", `…`, […])
 * and comment (-- and nested /* *\/) replaced by a space; null when one is left open.
 */
function blankLiterals(query: string, dialect: SqlDialect, quotedNames: string[]): string | null {
  let out = "";
  let i = 0;
  const n = query.length;
  while (i < n) {
    const c = query[i]!;
    const next = query[i + 1];
    if (c === "-" && next === "-") {
      const end = query.indexOf("\n", i);
      i = end < 0 ? n : end;
      out += " ";
    } else if (c === "/" && next === "*") {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        const pair = query.slice(i, i + 2);
        if (pair === "/*" || pair === "*/") {
          depth += pair === "/*" ? 1 : -1;
          i += 2;
        } else i++;
      }
      if (depth > 0) return null;
      out += " ";
    } else if (c === "'") {
      // E'…' strings may escape a quote with a backslash; standard ones double it.
      const backslashes = /[eE]$/.test(out) && !/[A-Za-z0-9_$][eE]$/.test(out);
      i++;
      let closed = false;
      while (i < n) {
        if (backslashes && query[i] === "\\") i += 2;
        else if (query[i] === "'" && query[i + 1] === "'") i += 2;
        else if (query[i] === "'") {
          i++;
          closed = true;
          break;
        } else i++;
      }
      if (!closed) return null;
      out += " ";
    } else if (c === '"' || c === "`" || (c === "[" && dialect === "sqlite")) {
      const close = c === "[" ? "]" : c;
      const start = i + 1;
      i++;
      let closed = false;
      while (i < n) {
        if (query[i] === close && query[i + 1] === close && close !== "]") i += 2;
        else if (query[i] === close) {
          i++;
          closed = true;
          break;
        } else i++;
      }
      if (!closed) return null;
      quotedNames.push(query.slice(start, i - 1));
      out += " ";
    } else if (c === "$" && !/[A-Za-z0-9_$]$/.test(out)) {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(query.slice(i))?.[0];
      if (tag === undefined) {
        out += c;
        i++;
        continue;
      }
      const end = query.indexOf(tag, i + tag.length);
      if (end < 0) return null;
      i = end + tag.length;
      out += " ";
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
