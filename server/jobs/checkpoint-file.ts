import { rename, writeFile } from 'node:fs/promises';

/**
 * Writes a run's checkpoints to one file, atomically (a temporary file, then rename: a crash mid-write
 * leaves the previous checkpoint intact) and one at a time in call order: the runtime may checkpoint from
 * several models at once, and the last call must be the one that stays.
 */
export function checkpointFileWriter(file: string): (data: Uint8Array) => Promise<void> {
  let chain: Promise<unknown> = Promise.resolve();
  let n = 0;
  return (data) => {
    const tmp = `${file}.${process.pid}.${n++}.tmp`;
    const write = chain.then(async () => {
      await writeFile(tmp, data);
      await rename(tmp, file);
    });
    chain = write.catch(() => undefined); // one failed write does not block the next
    return write;
  };
}
