"use client";

import { useState } from "react";
import { Button } from "@/components/ui/Button";

/** Sends a JSON body to the live endpoint from the browser, exactly as a client would, and shows the answer. */
export function TryItForm({ path, apiKey, example }: { path: string; apiKey: string; example: string }) {
  const [key, setKey] = useState(apiKey);
  const [body, setBody] = useState(example);
  const [answer, setAnswer] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  async function send() {
    setPending(true);
    try {
      const response = await fetch(path, {
        method: "POST",
        headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body,
      });
      setAnswer(`${response.status}\n${JSON.stringify(await response.json(), null, 2)}`);
    } catch (error) {
      setAnswer(error instanceof Error ? error.message : String(error));
    } finally {
      setPending(false);
    }
  }
  return (
    <section aria-label="Try it" className="flex flex-col gap-2">
      <h2 className="text-sm font-semibold text-slate-800">Try it</h2>
      <input
        aria-label="Key for try it"
        placeholder="vjd_… (not needed when public)"
        value={key}
        onChange={(e) => setKey(e.target.value)}
        className="rounded-md border border-slate-300 px-2 py-1 font-mono text-xs"
      />
      <textarea
        aria-label="Request body"
        rows={8}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        className="rounded-md border border-slate-300 p-2 font-mono text-xs"
      />
      <div>
        <Button onClick={send} disabled={pending}>
          {pending ? "Sending…" : "Send request"}
        </Button>
      </div>
      {answer !== null && (
        <pre data-testid="try-it-response" className="max-h-64 overflow-auto rounded-md bg-slate-50 p-2 text-xs">
          {answer}
        </pre>
      )}
    </section>
  );
}
