import { forestThreadHandler } from "../forest/forest-thread";
import { boostingThreadHandler } from "../gbt/boost-thread";
import { linearThreadHandler } from "../linear/linear-thread";
import { binningThreadHandler } from "../trees/binning-thread";
import { warmUpModelKernels } from "./warm-up";

/** Runs inside a model thread: hands each message to the model family that understands it, and compiles the engine meanwhile (see warmUpModelKernels). */
export function serveModelThread(port: {
  postMessage(message: unknown, transfer?: readonly Transferable[]): void;
  on(event: "message", listener: (message: unknown) => void): void;
}): void {
  const post = (reply: unknown, transfer: Transferable[]) => port.postMessage(reply, transfer);
  const handlers = [forestThreadHandler(post), boostingThreadHandler(), linearThreadHandler(post), binningThreadHandler(post)];
  port.on("message", (message) => {
    if (!handlers.some((handle) => handle(message))) port.postMessage({ type: "unknown-message" });
  });
  void warmUpModelKernels();
}
