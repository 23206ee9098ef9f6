import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServices } from '../services';
import { sweepUploadTemp } from './sweep-upload-temp';

describe('temporary upload files left by a crash', () => {
  it('are removed when the embedded server starts; in server mode only old ones', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'stepstone-sweep-'));
    const tmp = path.join(dataDir, 'uploads', '.tmp');
    mkdirSync(tmp, { recursive: true });
    writeFileSync(path.join(tmp, 'old'), 'x');
    writeFileSync(path.join(tmp, 'fresh'), 'y');
    const hourAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(path.join(tmp, 'old'), hourAgo, hourAgo);
    expect(await sweepUploadTemp(dataDir, 3_600_000)).toBe(1);
    expect(readdirSync(tmp)).toEqual(['fresh']);
    const services = await createServices({ databaseUrl: '', pgliteDir: 'memory://', dataDir });
    await services.close();
    expect(readdirSync(tmp)).toEqual([]);
  });
});
