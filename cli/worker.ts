import path from 'node:path';
import { openDatabase } from '../db/client';
import { createForkedRunPlan } from '../server/jobs/forked-run-plan';
import { createPgEventBus } from '../server/jobs/pg-event-bus';
import { startRunWorker } from '../server/jobs/pgboss-queue';
import { RunStore } from '../server/jobs/run-store';
import { uploadResolver } from '../server/jobs/upload-resolver';
import { selectBackend } from '../server/runtime/backend/select-backend';

/**
 * `npm run worker`: a run worker for server mode (DATABASE_URL=postgres://…). Start any number, on any
 * machines sharing the database. Env: STEPSTONE_WORKER_DEVICE=gpu|cpu (default: gpu when the automatic backend is
 * a GPU one, tfjs-node-gpu or WebGPU on a hardware adapter), STEPSTONE_CONCURRENCY (runs at a time, default 1),
 * STEPSTONE_HEARTBEAT_MS, STEPSTONE_STALE_MS. `--runner <module>` swaps the trainer (tests, benchmarks).
 */
/** `device: 'gpu'` runs accept either GPU backend. */
async function detectDevice(): Promise<'gpu' | 'cpu'> {
  const env = process.env.STEPSTONE_WORKER_DEVICE;
  if (env === 'gpu' || env === 'cpu') return env;
  const { name } = await selectBackend();
  return name === 'tensorflow-gpu' || name === 'webgpu' ? 'gpu' : 'cpu';
}

const url = process.env.DATABASE_URL;
if (!url || !/^postgres(ql)?:\/\//.test(url)) {
  console.error('npm run worker needs DATABASE_URL=postgres://… (server mode). In embedded mode the web server runs jobs itself.');
  process.exit(2);
}
const i = process.argv.indexOf('--runner');
const runnerModule = i >= 0 ? process.argv[i + 1] : undefined;

const handle = await openDatabase({ databaseUrl: url });
const bus = await createPgEventBus(url);
const store = new RunStore(handle.db, 'postgres', bus);
const device = await detectDevice();
const worker = await startRunWorker({
  url,
  store,
  bus,
  device,
  runPlan: createForkedRunPlan({ runnerModule: runnerModule ? path.resolve(runnerModule) : undefined }),
  heartbeatMs: Number(process.env.STEPSTONE_HEARTBEAT_MS ?? 2000),
  resolveUpload: uploadResolver(handle.db),
  artifactDir: path.join(process.env.STEPSTONE_DATA_DIR ?? './data-store', 'artifacts'),
  baselineCacheDir: path.join(process.env.STEPSTONE_DATA_DIR ?? './data-store', 'baselines'),
  onOutcome: (runId, outcome) => console.log(`run ${runId}: ${outcome}`),
});
console.log(`worker ${worker.name} ready (device ${device}, queues ${device === 'gpu' ? 'runs-gpu, runs-any' : 'runs-any'})`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log(`worker ${worker.name} stopping; running jobs go back to the queue`);
  await worker.stop();
  await bus.close();
  await handle.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
