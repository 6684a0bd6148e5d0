/**
 * Where a project's SQLite files lie, relative to the server's data directory: an administrator puts them
 * there, and the project's connections open nothing outside it (server/connections/connectionPolicy.ts).
 */
export function sqliteFolder(projectId: string): string {
  return `sqlite/${projectId}`;
}
