import "server-only";
import type { SqlQueryRequest, SqlQueryResult, SqlSourcePort } from "@/pipeline/spec/sqlSource";
import type { Db } from "../db";
import { ConnectionError } from "./connectionErrors";
import type { ConnectionPolicy } from "./connectionPolicy";
import { defaultConnectionPolicy } from "./defaultPolicy";
import { queryProjectConnection } from "./projectConnections";

/** The SQL query node's port on a server worker: the run's project's connections, under this server's allow-list. */
export class ServerSqlSource implements SqlSourcePort {
  constructor(
    private readonly db: Db,
    private readonly projectId: string,
    private readonly policy: ConnectionPolicy = defaultConnectionPolicy(),
  ) {}

  async query(request: SqlQueryRequest, signal: AbortSignal): Promise<SqlQueryResult> {
    try {
      return await queryProjectConnection(this.db, this.policy, this.projectId, request, signal);
    } catch (error) {
      // The node's failure message is shown to every member: only the user-facing text travels on.
      if (error instanceof ConnectionError) throw new Error(error.message);
      throw error;
    }
  }
}
