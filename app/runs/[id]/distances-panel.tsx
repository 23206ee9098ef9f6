import type { DomainDistance, RunResult } from '../../../formats/run-events';
import { beforeAfter, distanceLineText } from '../result-view';

function DistanceTable({ distances }: { distances: readonly DomainDistance[] }) {
  return (
    <table className="data" data-testid="distance-table">
      <thead>
        <tr>
          <th>Between</th>
          <th className="num">MMD²</th>
          <th className="num">Proxy A-distance</th>
        </tr>
      </thead>
      <tbody>
        {distances.map((d, i) => (
          <tr key={i}>
            <td>
              {d.a} ↔ {d.b}
            </td>
            <td className="num">{d.mmd === undefined ? '—' : d.mmd.toFixed(4)}</td>
            <td className="num">{d.proxyA === undefined ? '—' : d.proxyA.toFixed(3)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Which classifier measured proxy A; said once when inputs and features used the same one. */
function classifierText(c: RunResult['distances']['proxyAClassifier']): string {
  return c.inputs === c.features ? `Proxy A measured by ${c.inputs}, on inputs and features alike` : `Proxy A measured by ${c.inputs} on the inputs and ${c.features} on the features`;
}

/** The adapted pair's distance on the inputs, then on the features each model learned. */
function BeforeAfter({ result }: { result: RunResult }) {
  const ba = beforeAfter(result);
  if (!ba || ba.lines.length === 0) return null;
  const { proxyAClassifier } = result.distances;
  return (
    <div data-testid="distances-before-after" style={{ marginBottom: 14 }}>
      <h3>
        {ba.a} ↔ {ba.b}, before and after training
      </h3>
      <ul style={{ margin: '0 0 6px', paddingLeft: 20, lineHeight: 1.7 }}>
        {ba.lines.map((l) => (
          <li key={l.metric} data-metric={l.metric} className="mono">
            {distanceLineText(l)}
          </li>
        ))}
      </ul>
      <div className="subtle small">
        Features: each model&apos;s learned layer after training, mean ± std over seeds. {classifierText(proxyAClassifier)} (0: the classifier cannot tell the
        domains apart, 2: it always can). MMD² on inputs and on features lie in different spaces; compare the two feature figures with each other.
      </div>
    </div>
  );
}

/** Domain distances: before training on the raw inputs (live and final) and, once finished, before → after. */
export function DistancesPanel({ result, distances, classifier }: { result: RunResult | null; distances: readonly DomainDistance[]; classifier: string | null }) {
  if (!result && distances.length === 0) return null;
  return (
    <div className="card card-pad">
      <h2>Domain distances</h2>
      {result && <BeforeAfter result={result} />}
      {distances.length > 0 && (
        <>
          <h3>Every pair, on the inputs before training</h3>
          <p className="subtle small" style={{ marginTop: 0 }}>
            Far-apart domains (large MMD², proxy A-distance near 2) warn of negative transfer before any training.
            {classifier && ` Proxy A measured by ${classifier}.`}
          </p>
          <DistanceTable distances={distances} />
        </>
      )}
    </div>
  );
}
