import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { makeResult, model, stat } from '../run-fixtures.test-util';
import { ModelTable } from './model-table';
import { ResultSummary } from './result-summary';

/** A finished run on an unlabelled target (format 3): no test split on any model, no gain or verdict. */
function unlabelled() {
  const noTest = () => {
    const { test: _t, ...splits } = model([0.8, 0.8]).splits;
    return { steps: 40, splits };
  };
  return makeResult({ seeds: [0, 1], testLabels: 'none', models: { method: noTest(), sourceOnly: noTest() }, gain: null, verdict: null, advice: [] });
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the run page on an unlabelled target', () => {
  it('the summary says "— (unlabelled target)" where the method’s test accuracy goes, and no gain', () => {
    const html = renderToStaticMarkup(<ResultSummary result={unlabelled()} />);
    expect(html).toMatch(/data-testid="method-test-accuracy"[^>]*>— \(unlabelled target\)</);
    expect(text(html)).toContain('No transfer gain: the target has no labelled test rows (an unlabelled target).');
    expect(text(html)).not.toMatch(/\b0\.0%/);
    expect(html).toContain('data-verdict="none"');
  });

  it('the models table keeps a target-test column that says why it is empty; validation figures stay', () => {
    const t = text(renderToStaticMarkup(<ModelTable result={unlabelled()} />));
    expect(t).toContain('Accuracy — target test, 2 seeds');
    expect(t.match(/— \(unlabelled target\)/g)).toHaveLength(2);
    expect(t).toContain('90.0%');
  });

  it('a labelled result shows its numbers (and no "unlabelled" note)', () => {
    const r = makeResult({ models: { method: { ...model([0.9, 0.88, 0.93]) }, sourceOnly: model([0.75, 0.8, 0.77]) } });
    const t = text(renderToStaticMarkup(<ResultSummary result={r} />) + renderToStaticMarkup(<ModelTable result={r} />));
    expect(t).toContain(`${(stat([0.9, 0.88, 0.93]).mean * 100).toFixed(1)}%`);
    expect(t).not.toContain('unlabelled');
  });
});
