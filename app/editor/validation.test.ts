import { describe, expect, it } from 'vitest';
import { groupIssues, shapeText, type GraphIssue } from './validation';

const issue = (over: Partial<GraphIssue>): GraphIssue => ({ code: 'x', severity: 'error', message: 'm', ...over });

describe('groupIssues', () => {
  it('groups by node, sends edge issues to the node the edge feeds, and keeps the first message per field', () => {
    const errors = [
      issue({ nodeId: 'a', field: 'lambda', message: 'λ too big' }),
      issue({ nodeId: 'a', field: 'lambda', message: 'second' }),
      issue({ nodeId: 'a', field: 'options.samples', message: 'too few samples' }),
      issue({ edgeId: 'e1', message: 'type mismatch' }),
      issue({ message: 'graph-level' }),
    ];
    const warnings = [issue({ nodeId: 'b', severity: 'warning', message: 'careful' })];
    const g = groupIssues(errors, warnings, new Map([['e1', 'b']]));
    expect(g.get('a')!.errors).toHaveLength(3);
    expect(g.get('a')!.fields).toEqual({ lambda: 'λ too big', options: 'too few samples' });
    expect(g.get('b')!.errors.map((e) => e.message)).toEqual(['type mismatch']);
    expect(g.get('b')!.warnings.map((e) => e.message)).toEqual(['careful']);
    expect([...g.keys()].sort()).toEqual(['a', 'b']);
  });
});

describe('shapeText', () => {
  it('formats the compiler’s node shapes and other forms', () => {
    expect(shapeText({ width: 64, classes: 10 })).toBe('width 64 · 10 classes');
    expect(shapeText({ width: 2 })).toBe('width 2');
    expect(shapeText([28, 28, 1])).toBe('[28×28×1]');
    expect(shapeText('2 → 10')).toBe('2 → 10');
    expect(shapeText(undefined)).toBeNull();
    expect(shapeText({})).toBeNull();
  });
});
