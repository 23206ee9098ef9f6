import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { boundary } from '../run-fixtures.test-util';
import { BoundaryPair } from './boundary-plot';

describe('decision boundaries over an unlabelled target', () => {
  it('rows without a label are grey and named "unlabelled", never "class -1"', () => {
    const b = { ...boundary(4, 4), points: [{ x: 0.5, y: 0.5, label: -1 }, { x: -0.5, y: 0.2, label: 1 }] };
    const html = renderToStaticMarkup(<BoundaryPair boundaries={{ method: b, sourceOnly: b }} />);
    expect(html).not.toContain('class -1');
    expect(html).toContain('unlabelled');
    expect(html).toContain('class 1');
    expect(html).toContain('fill="#94a3b8"');
  });
});
