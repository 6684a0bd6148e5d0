import { parentPort } from "node:worker_threads";
import { serveModelThread } from "../ml/models/threads/serve-model-thread";

if (!parentPort) throw new Error("pipeline/cli/modelThread.ts runs as a worker thread (see nodeModelThreads.ts)");
serveModelThread(parentPort);
