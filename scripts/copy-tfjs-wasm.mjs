#!/usr/bin/env node
// Copies TensorFlow.js's wasm binaries into public/tfjs/, where the browser run worker
// loads them (setWasmPaths("/tfjs/")). They are build outputs of the installed package,
// so they are copied at install time rather than committed: versions can never drift.
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const entry = createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm");
const dist = path.dirname(entry);
const target = path.join(root, "public", "tfjs");

const binaries = readdirSync(dist).filter((name) => name.endsWith(".wasm"));
if (binaries.length === 0) throw new Error(`No .wasm files in ${dist}`);
mkdirSync(target, { recursive: true });
for (const name of binaries) copyFileSync(path.join(dist, name), path.join(target, name));
console.log(`Copied ${binaries.join(", ")} to public/tfjs/`);
