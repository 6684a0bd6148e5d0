// How `npm start` runs the production web process (server/web/main.ts: Next.js plus the predict
// route ahead of its router), for scripts that start one themselves: the e2e server and benchmarks.
// tsx loads the TypeScript; react-server is the condition Next.js's server code is built for.
export const WEB_PROCESS_ARGS = ["--conditions=react-server", "--import", "tsx", "server/web/main.ts"];
