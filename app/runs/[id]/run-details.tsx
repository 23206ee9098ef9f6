import { trackColors, trackLabels, type RunViewState } from '../run-view-state';

function DomainsCard({ domains, dataOf }: { domains: RunViewState['domains']; dataOf: Readonly<Record<string, string>> }) {
  return (
    <div className="card card-pad">
      <h2>Domains</h2>
      {domains.length === 0 ? (
        <div className="subtle small">Appears when training starts.</div>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th>Name</th>
              <th>Role</th>
              <th>Data</th>
              <th className="num">Samples</th>
              <th className="num">Labelled</th>
              <th className="num">Width</th>
            </tr>
          </thead>
          <tbody>
            {domains.map((d) => (
              <tr key={d.nodeId}>
                <td>{d.name}</td>
                <td>{d.role}</td>
                <td data-testid={`run-data-${d.nodeId}`}>{dataOf[d.nodeId] ?? ''}</td>
                <td className="num">{d.samples}</td>
                <td className="num">{d.labelled}</td>
                <td className="num">{d.width}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function LogCard({ stages, warnings }: Pick<RunViewState, 'stages' | 'warnings'>) {
  return (
    <div className="card card-pad">
      <h2>Stages and warnings</h2>
      <div className="event-log">
        {stages.map((s, i) => (
          <div key={`s${i}`}>
            <span className="status-dot" style={{ background: trackColors[s.track] }} /> {trackLabels[s.track]}
            {s.seed !== null && <span className="subtle"> (seed {s.seed})</span>} — stage {s.index + 1}: <strong>{s.name}</strong> <span className="subtle">({s.kind})</span>
          </div>
        ))}
        {warnings.map((w, i) => (
          <div key={`w${i}`} style={{ color: 'var(--warn)' }}>
            ⚠ {w.message}
            {w.nodeId ? <span className="subtle"> (node {w.nodeId})</span> : null}
          </div>
        ))}
        {stages.length === 0 && warnings.length === 0 && <div className="subtle">Nothing yet.</div>}
      </div>
    </div>
  );
}

/** The run's domains, and the log of stages (per model and seed) and warnings. */
export function RunDetails({ view, dataOf = {} }: { view: RunViewState; dataOf?: Readonly<Record<string, string>> }) {
  return (
    <div className="run-grid" style={{ marginTop: 16 }}>
      <DomainsCard domains={view.domains} dataOf={dataOf} />
      <LogCard stages={view.stages} warnings={view.warnings} />
    </div>
  );
}
