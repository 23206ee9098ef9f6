import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileGraph } from './compile-graph';

/** The self-taught template with its autoencoder's `encoder` setting (and version) replaced. */
function selfTaught(encoder: 'frozen' | 'fineTune' | null, typeVersion = 2) {
  const doc = JSON.parse(readFileSync(new URL('../../templates/self-taught.json', import.meta.url), 'utf8')) as { nodes: { type: string; typeVersion: number; params: Record<string, unknown> }[] };
  const ae = doc.nodes.find((n) => n.type === 'autoencoder')!;
  ae.typeVersion = typeVersion;
  if (encoder) ae.params.encoder = encoder;
  else delete ae.params.encoder;
  const compiled = compileGraph(doc);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.errors));
  return compiled.plan.stages;
}

describe('self-taught learning keeps the learned features fixed (issue 9 item 8)', () => {
  it('freezes the encoder in the supervised stage by default, as Raina et al.', () => {
    const stages = selfTaught(null);
    expect(stages.map((s) => s.kind)).toEqual(['pretrainAutoencoder', 'train']);
    expect(stages[1]!.frozen).toEqual(['extractor']);
    expect(stages[1]!.init).toBe('previous');
  });
  it('fine-tunes the encoder when asked, and for v1 graphs', () => {
    expect(selfTaught('fineTune')[1]!.frozen).toEqual([]);
    expect(selfTaught(null, 1)[1]!.frozen).toEqual([]);
  });
});
