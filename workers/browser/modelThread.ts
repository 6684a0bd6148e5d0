/// <reference lib="webworker" />
import { serveModelThread } from "@/pipeline/ml/models/threads/serve-model-thread";

// The Web Worker side of browserModelThreads: serves the model families' thread messages.
serveModelThread({
  postMessage: (message, transfer) => self.postMessage(message, { transfer: transfer ? [...transfer] : [] }),
  on: (_event, listener) => self.addEventListener("message", (event: MessageEvent<unknown>) => listener(event.data)),
});
