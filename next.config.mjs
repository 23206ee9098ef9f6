/** @type {import('next').NextConfig} */
const nextConfig = {
  // TF.js and the database drivers stay out of Next's bundles: the server only reaches them
  // through the job runner, and training itself runs in child processes.
  serverExternalPackages: [
    '@tensorflow/tfjs',
    '@tensorflow/tfjs-core',
    '@tensorflow/tfjs-backend-wasm',
    '@tensorflow/tfjs-backend-cpu',
    '@tensorflow/tfjs-node',
    '@tensorflow/tfjs-node-gpu',
    '@tensorflow/tfjs-backend-webgpu',
    'webgpu',
    '@electric-sql/pglite',
    'pg',
    'pg-boss',
  ],
  typedRoutes: false,
  // No X-Powered-By; no image optimiser (it fetches URLs on the server's behalf; the gate 404s it too).
  poweredByHeader: false,
  images: { unoptimized: true },
};
export default nextConfig;
