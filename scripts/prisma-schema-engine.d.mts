// Types of the parts of scripts/prisma-schema-engine.mjs that TypeScript imports.
export interface MigrationsList {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: { path: string; migrationFile: { path: string; content: { tag: "ok" | "error"; value: string } } }[];
}
export declare function readMigrationsList(dir: string, shadowDbInitScript?: string): MigrationsList;
export declare function openSchemaEngine(options: {
  url: string;
  shadowDatabaseUrl?: string;
  datamodels?: string[];
}): Promise<{ call: (method: string, params: unknown) => Promise<unknown>; close: () => Promise<void> }>;
