import type { RunResult } from '../../../formats/run-events';
import type { RunPlan } from '../../runtime/run-plan-api';

/**
 * A stand-in for the trainer in job-system tests and the jobs benchmark: it walks the plan's
 * first-stage epochs (STEPSTONE_SCRIPTED_EPOCH_MS each, default 20), emitting epoch events and
 * checkpoints like the real runtime, honours the abort signal between "batches" (5 ms), and resumes
 * from a checkpoint. STEPSTONE_SCRIPTED_FAIL=1 makes it throw (a run that fails on its own);
 * STEPSTONE_SCRIPTED_CRASH_AT=n kills its own process at epoch n of a fresh (non-resumed) attempt;
 * STEPSTONE_SCRIPTED_HOG_MB=n holds n MB more of (touched) memory every epoch, as a runaway model would.
 * A sweep member's scores follow its index k (sweep tests check the plumbing, not the validators): test accuracy
 * and IM rise with the pattern below, SND falls with it, DEV is k (so DEV picks member 0).
 */
const hog: Buffer[] = [];
export const runPlan: RunPlan = async (plan, options) => {
  const epochMs = Number(process.env.STEPSTONE_SCRIPTED_EPOCH_MS ?? 20);
  const epochs = plan.stages[0]?.epochs ?? 1;
  const start = performance.now();
  const from = options.resumeFrom ? new DataView(options.resumeFrom.data.buffer, options.resumeFrom.data.byteOffset).getUint32(0) : 0;
  options.onEvent({ type: 'started', backend: 'cpu', domains: [] });
  for (let epoch = from + 1; epoch <= epochs; epoch++) {
    for (let t = 0; t < epochMs; t += 5) {
      if (options.signal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      await new Promise((r) => setTimeout(r, Math.min(5, epochMs - t)));
    }
    if (!options.resumeFrom && Number(process.env.STEPSTONE_SCRIPTED_CRASH_AT) === epoch) process.kill(process.pid, 'SIGKILL');
    if (process.env.STEPSTONE_SCRIPTED_FAIL === '1' && epoch === 2) throw new Error('scripted failure at epoch 2');
    if (process.env.STEPSTONE_SCRIPTED_FAIL_MESSAGE && epoch === 2) throw new Error(process.env.STEPSTONE_SCRIPTED_FAIL_MESSAGE);
    if (process.env.STEPSTONE_SCRIPTED_HOG_MB) hog.push(Buffer.alloc(Number(process.env.STEPSTONE_SCRIPTED_HOG_MB) * 1024 * 1024, 1));
    // `sentAt` lets the benchmark measure worker → subscriber latency.
    options.onEvent({ type: 'epoch', track: 'method', stage: 0, epoch, epochs, metrics: { loss: 1 / epoch, sentAt: Date.now() } });
    const data = new Uint8Array(4);
    new DataView(data.buffer).setUint32(0, epoch);
    await options.onCheckpoint?.({ data, track: 'method', stage: 0, epoch });
  }
  const result: RunResult = {
    version: 3,
    backend: 'cpu',
    seeds: [plan.seed],
    durationMs: performance.now() - start,
    models: { method: scriptedMethod(plan.sweepMember?.index, epochs) },
    testLabels: 'labelled',
    gain: null,
    verdict: null,
    advice: [],
    distances: { inputs: [], proxyAClassifier: { inputs: 'none', features: 'none' }, features: null },
    artifacts: [],
  };
  options.onEvent({ type: 'final', result });
  return result;
};

const stat = (v: number) => ({ mean: v, std: 0, perSeed: [v] });

/** Member k's test accuracy 0.5 + ((3k mod 7) / 20): not monotone in k, so picks and correlations mean something. */
function scriptedMethod(k: number | undefined, epochs: number): RunResult['models']['method'] {
  if (k === undefined) return { steps: epochs, splits: { test: { accuracy: stat(0.5) } } };
  const acc = 0.5 + ((3 * k) % 7) / 20;
  return { steps: epochs, splits: { test: { accuracy: stat(acc) } }, validators: { im: stat(acc), snd: stat(-acc), dev: stat(k), sourceValAccuracy: stat(0.9) } };
}
