import { describe, expect, it } from 'vitest';
import { describeAdapter } from './node-webgpu';

describe('describeAdapter', () => {
  it('names the adapter with vendor and architecture, and flags SwiftShader as software', () => {
    const swiftShader = describeAdapter({ info: { vendor: 'google', architecture: 'swiftshader', device: 'swiftshader-device-subzero-', description: 'SwiftShader driver 5.0.0' } });
    expect(swiftShader).toEqual({ description: 'SwiftShader driver 5.0.0 (google swiftshader)', software: true });
  });

  it('flags a CPU fallback adapter and mesa software drivers, not a hardware GPU', () => {
    expect(describeAdapter({ info: { description: 'Some GPU', isFallbackAdapter: true } }).software).toBe(true);
    expect(describeAdapter({ isFallbackAdapter: true, info: { description: 'Some GPU' } }).software).toBe(true);
    expect(describeAdapter({ info: { description: 'llvmpipe (LLVM 15.0.6, 256 bits)' } }).software).toBe(true);
    const nvidia = describeAdapter({ info: { vendor: 'nvidia', architecture: 'ada', description: 'NVIDIA GeForce RTX 4090' } });
    expect(nvidia).toEqual({ description: 'NVIDIA GeForce RTX 4090 (nvidia ada)', software: false });
  });

  it('falls back to the device name when the driver gives no description', () => {
    expect(describeAdapter({ info: { vendor: 'amd', device: 'gfx1100', description: '' } }).description).toBe('gfx1100 (amd)');
  });
});
