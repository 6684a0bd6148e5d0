// Types of scripts/postgresUrl.mjs for the TypeScript that imports it (server/env.ts).
export declare const DEFAULT_EMBEDDED_PORT: number;
export declare const DEFAULT_DATA_DIR: string;
export declare function embeddedDatabaseUrl(dataDir?: string, env?: NodeJS.ProcessEnv): string | null;
export declare function withDatabase(url: string, database: string): string;
export declare function urlFor(port: number, password?: string | null): string;
