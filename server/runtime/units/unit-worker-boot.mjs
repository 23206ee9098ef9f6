// Worker-thread bootstrap: Node 20 does not apply `--import tsx` to worker threads, so register tsx's loader in
// this thread first, then load the TypeScript entry.
import { register } from 'tsx/esm/api';

register();
await import('./unit-worker.ts');
