// Types of scripts/migrate.mjs for the TypeScript that imports it (the tests' global setup).
export declare function describeDatabase(url: string): string;
export declare function migrate(options?: {
  url?: string;
  migrationsDir?: string;
  log?: (message: string) => void;
}): Promise<{ url: string; total: number; applied: string[] }>;
