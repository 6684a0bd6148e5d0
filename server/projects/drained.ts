import type { EventEmitter } from "node:events";

/** Resolves when a stream that refused a write wants more bytes, or has closed (destroyed, or a cancelled download). */
export function drained(stream: EventEmitter): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
  });
}
