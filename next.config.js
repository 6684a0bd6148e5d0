/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and wasm-backed server packages are loaded by Node at run time, not bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@tensorflow/tfjs-backend-wasm"],
  poweredByHeader: false,
};

export default nextConfig;
