import { existsSync } from 'node:fs';

/** Debian's chromium ships the SwiftShader Vulkan driver; Dawn (npm `webgpu`) finds a WebGPU adapter through it. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/**
 * Points the Vulkan loader at SwiftShader unless the environment already names a driver (.ci/run sets it). Must run
 * before Dawn is first loaded in the process. Throws when the driver is missing: the webgpu tests need it.
 */
export function useSwiftShader(): void {
  if (process.env.VK_ICD_FILENAMES) return;
  if (!existsSync(SWIFTSHADER_ICD)) throw new Error(`${SWIFTSHADER_ICD} is missing: install chromium (Debian) for the SwiftShader Vulkan driver`);
  process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
}
