/**
 * The Content-Security-Policy of every page (documents only; Web Workers get their own from
 * next.config.js, API responses a deny-all one). Scripts run only with this response's nonce,
 * which Next.js puts on its own scripts; 'strict-dynamic' lets those load the app's chunks.
 * - 'wasm-unsafe-eval': TensorFlow.js compiles its WebAssembly backend.
 * - style-src 'unsafe-inline': React Flow and charts position nodes with style attributes, which
 *   a nonce cannot cover (and a nonce in style-src would switch 'unsafe-inline' off).
 * - worker-src blob:/data:: the labeling-function sandbox starts nested workers from blob URLs.
 * - frame-ancestors 'none': no other site may frame Vajra (clickjacking); X-Frame-Options too.
 * - In development Next.js needs eval (React Refresh) and a websocket for hot reload.
 */
export function pageContentSecurityPolicy(nonce: string, development = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    `connect-src 'self' blob: data:${development ? " ws: wss:" : ""}`,
    "worker-src 'self' blob: data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A nonce per response: 128 random bits, base64 as CSP expects. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
