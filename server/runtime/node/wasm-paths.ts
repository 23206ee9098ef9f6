import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The directory holding tfjs-backend-wasm's .wasm binaries (its dist/ folder, with a trailing separator), or
 * undefined when it cannot be resolved (e.g. inside a bundle).
 */
export function wasmBinaryDirectory(): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const main = require.resolve('@tensorflow/tfjs-backend-wasm'); // .../dist/tf-backend-wasm.node.js
    return path.dirname(main) + path.sep;
  } catch {
    return undefined;
  }
}
