import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkpointFileWriter } from './checkpoint-file';

describe('checkpoint file writer', () => {
  it('concurrent checkpoints (several models at once) all succeed, in order: the last one stays, no temporary file left', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'stepstone-ckpt-'));
    const file = path.join(dir, 'run.ckpt');
    const write = checkpointFileWriter(file);
    await Promise.all(Array.from({ length: 25 }, (_, i) => write(new Uint8Array(1000 + i).fill(i))));
    const data = readFileSync(file);
    expect(data.byteLength).toBe(1024);
    expect(data[0]).toBe(24);
    expect(readdirSync(dir)).toEqual(['run.ckpt']);
  });
});
