'use client';

import type { ModelSummary } from '../../formats/pretrained-model';
import { formatBytesShort } from './format-bytes';

/** An uploaded model's preview: input shape, size, and every layer (name, class, output shape, parameters). */
export function ModelLayersView({ model }: { model: ModelSummary }) {
  return (
    <div className="section" data-testid="model-layers">
      <div className="small subtle">
        Input {model.inputShape.join('×')} · {model.layers.length} layers · {model.totalParams.toLocaleString()} parameters · {formatBytesShort(model.weightBytes)} of weights
      </div>
      <div style={{ overflowX: 'auto', maxHeight: 320 }}>
        <table className="table small">
          <thead>
            <tr>
              <th>layer</th><th>class</th><th>output shape</th><th>params</th>
            </tr>
          </thead>
          <tbody>
            {model.layers.map((l) => (
              <tr key={l.name}>
                <td><code>{l.name}</code></td><td>{l.className}</td><td>{l.outputShape.map((d) => d ?? '?').join('×')}</td><td>{l.params.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
