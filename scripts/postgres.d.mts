// Types of scripts/postgres.mjs for the TypeScript that imports it.
export declare function startEmbeddedPostgres(options?: {
  dataDir?: string;
  port?: number;
  log?: (message: string) => void;
}): Promise<{ url: string; started: boolean }>;
export declare function ensurePostgres(options?: {
  log?: (message: string) => void;
  env?: NodeJS.ProcessEnv;
}): Promise<{ url: string; started: boolean; embedded: boolean }>;
export declare function stopEmbeddedPostgres(options?: { dataDir?: string }): Promise<boolean>;
