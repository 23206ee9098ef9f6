/**
 * The runtime's own kernels and where they run. The fused ops (ops/dense.ts, ops/gradient-reversal.ts, the closed
 * forms in losses/) are compositions of TF.js ops with custom gradients, so they run natively on every backend.
 * The registered kernels below exist for WASM only; elsewhere the runtime uses the same formula in TF.js ops, and
 * a run records that here (the started event's `backendNotes`).
 */
const WASM_ONLY: readonly { kernel: string; elsewhere: string }[] = [
  { kernel: 'StepstoneAdamUpdate (train/flat-adam.ts)', elsewhere: 'Adam runs as TF.js ops with the same formula (about 12 kernels instead of one; float32 results may differ in the last bit)' },
  { kernel: 'Slice (backend/wasm-slice.ts)', elsewhere: "the backend's own Slice kernel is used (the WASM one copied its whole input per call; others do not)" },
];

/** Notes on the runtime's kernels that do not run as written on `engineBackend` (a TF.js engine backend name). */
export function kernelFallbacks(engineBackend: string): string[] {
  if (engineBackend === 'wasm') return [];
  return WASM_ONLY.map((k) => `${k.kernel}: no ${engineBackend} kernel; ${k.elsewhere}.`);
}
