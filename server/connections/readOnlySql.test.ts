import { describe, expect, it } from "vitest";
import { checkReadOnlyQuery, ONE_STATEMENT_MESSAGE, READ_ONLY_MESSAGE } from "./readOnlySql";

describe("read-only query check", () => {
  it.each([
    "SELECT * FROM customers",
    "  select id, 'delete me' AS note from t;  ",
    'SELECT "update", "drop table x" FROM t -- insert into y\n',
    "WITH recent AS (SELECT * FROM orders WHERE created > now() - interval '1 day') SELECT count(*) FROM recent",
    "VALUES (1, 'a'), (2, 'b')",
    "SELECT $$ DELETE FROM t; $$ AS text, E'it\\'s; fine' AS other",
    "/* a /* nested */ comment; */ SELECT replace(name, 'a', 'b') FROM t",
  ])("lets %j through", (query) => {
    expect(checkReadOnlyQuery(query, "postgres")).toEqual({ ok: true });
    expect(checkReadOnlyQuery(query, "sqlite")).toEqual({ ok: true });
  });

  it("reads [name] as a quoted name only in SQLite; in PostgreSQL ARRAY[…] holds expressions", () => {
    expect(checkReadOnlyQuery("SELECT [update] FROM t", "sqlite")).toEqual({ ok: true });
    expect(checkReadOnlyQuery("SELECT ARRAY[pg_read_file('/etc/hostname')]", "postgres")).toEqual({ ok: false, message: READ_ONLY_MESSAGE });
    expect(checkReadOnlyQuery("SELECT (ARRAY[1, 2])[1]", "postgres")).toEqual({ ok: true });
  });

  it.each([
    "DELETE FROM customers",
    "UPDATE customers SET name = 'x'",
    "DROP TABLE customers",
    "INSERT INTO t VALUES (1)",
    "TRUNCATE t",
    "CREATE TABLE t (id int)",
    "WITH gone AS (DELETE FROM t RETURNING *) SELECT * FROM gone",
    "SELECT * INTO backup FROM t",
    "SELECT set_config('transaction_read_only', 'off', true)",
    "ATTACH DATABASE 'x.db' AS x",
    "PRAGMA writable_schema = 1",
    "EXPLAIN ANALYZE DELETE FROM t",
    "COPY t TO '/tmp/x'",
    // A quoted name is the same function.
    `SELECT "pg_read_file"('/etc/hostname')`,
    `SELECT "set_config"('statement_timeout', '0', false)`,
    `SELECT "pg_catalog"."pg_ls_dir"('.')`,
    // SQL passed as text runs unseen by this check.
    "SELECT * FROM query_to_xml('select 1', true, true, '')",
  ])("refuses %j as not read-only", (query) => {
    expect(checkReadOnlyQuery(query, "postgres")).toEqual({ ok: false, message: READ_ONLY_MESSAGE });
  });

  it("refuses a second statement, even a harmless-looking one", () => {
    expect(checkReadOnlyQuery("SELECT 1; DELETE FROM t", "postgres")).toEqual({ ok: false, message: ONE_STATEMENT_MESSAGE });
    expect(checkReadOnlyQuery("SELECT 1; SELECT 2", "sqlite")).toEqual({ ok: false, message: ONE_STATEMENT_MESSAGE });
  });

  it("refuses unterminated literals and empty queries instead of guessing", () => {
    expect(checkReadOnlyQuery("SELECT 'open", "postgres")).toMatchObject({ ok: false });
    expect(checkReadOnlyQuery("SELECT 1 /* open", "sqlite")).toMatchObject({ ok: false });
    expect(checkReadOnlyQuery("  -- nothing\n ;", "postgres")).toMatchObject({ ok: false, message: "The query is empty." });
  });
});
