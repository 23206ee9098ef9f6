import { describe, expect, it } from 'vitest';
import { EditorStore } from './editor-store';
import type { NodeSpec } from './editor-document';
import { axisText, parseAxisText } from './sweep-marker';

const catalog: NodeSpec[] = [{ type: 'trainer', version: 1, category: 'training', title: 'Trainer', inputs: [], outputs: [], defaults: { learningRate: 0.01, optimizer: 'adam' } }];
const lr = { kind: 'number' as const, key: 'learningRate', label: 'Learning rate', integer: false, min: 0, max: 10 };
const optimizer = { kind: 'enum' as const, key: 'optimizer', label: 'Optimiser', options: ['adam', 'sgd'] };

describe('sweep marker', () => {
  it('reads lists and lin/log ranges, and refuses what the field or the format would', () => {
    expect(parseAxisText('0.1, 0.3,1', lr)).toEqual({ axis: { values: [0.1, 0.3, 1] } });
    expect(parseAxisText('log 0.001 0.1 3', lr)).toEqual({ axis: { range: { from: 0.001, to: 0.1, n: 3, scale: 'log' } } });
    expect(parseAxisText('0.1, 20', lr)).toEqual({ error: "each value must be within the field's bounds" });
    expect(parseAxisText('log 0 1 3', lr)).toEqual({ error: 'a log range needs from > 0 and to > 0' });
    expect(parseAxisText('adam, sgd', optimizer)).toEqual({ axis: { values: ['adam', 'sgd'] } });
    expect(parseAxisText('adam, lion', optimizer)).toEqual({ error: 'choose among adam, sgd' });
    expect(axisText({ range: { from: 0, to: 1, n: 5, scale: 'linear' } })).toBe('lin 0 1 5');
  });

  it('the store keeps one sweep per param, undoably, and drops a deleted node’s sweeps', () => {
    const ed = new EditorStore(catalog);
    const id = ed.addNode('trainer');
    ed.setSweep(id, 'learningRate', { values: [0.01, 0.1] });
    ed.setSweep(id, 'learningRate', { values: [0.02] });
    ed.setSweep(id, 'optimizer', { values: ['adam', 'sgd'] });
    expect(ed.toDocument().sweeps).toEqual([
      { nodeId: id, param: 'learningRate', values: [0.02] },
      { nodeId: id, param: 'optimizer', values: ['adam', 'sgd'] },
    ]);
    ed.undo();
    expect(ed.toDocument().sweeps).toEqual([{ nodeId: id, param: 'learningRate', values: [0.02] }]);
    ed.setSweep(id, 'learningRate', null);
    expect(ed.toDocument().sweeps).toEqual([]);
    ed.setSweep(id, 'learningRate', { values: [0.5] });
    ed.delete([id]);
    expect(ed.toDocument().sweeps).toEqual([]);
  });
});
