import type { RunTrack } from '../../../formats/run-events';
import { modelProgress, trackColors, trackLabels, trackOrder, type RunViewState, type TrackView, type UnitProgress } from '../run-view-state';

function UnitBar({ track, unit }: { track: RunTrack; unit: UnitProgress }) {
  return (
    <div style={{ marginTop: 4 }}>
      <div className="row small subtle" style={{ marginBottom: 2 }}>
        <span>
          {unit.seed !== null && `seed ${unit.seed} — `}
          {unit.stageName ? `stage ${(unit.stageIndex ?? 0) + 1}: ${unit.stageName}` : 'starting'}
        </span>
        <span className="spacer" />
        <span>{Math.round(unit.progress * 100)}%</span>
      </div>
      <div className="progress">
        <div style={{ width: `${unit.progress * 100}%`, background: trackColors[track] }} />
      </div>
    </div>
  );
}

function TrackProgress({ view, finished }: { view: TrackView; finished: readonly number[] }) {
  const t = view.track;
  return (
    <div style={{ marginBottom: 12 }}>
      <div className="row small">
        <span className="status-dot" style={{ background: trackColors[t] }} />
        <strong>{trackLabels[t]}</strong>
        <span className="spacer" />
        <span className="subtle">{finished.length > 0 ? `seeds done: ${finished.join(', ')}` : view.running.length === 0 ? 'waiting' : ''}</span>
      </div>
      {view.running.map((u) => (
        <UnitBar key={String(u.seed)} track={t} unit={u} />
      ))}
    </div>
  );
}

/**
 * While training: models finished out of all (method and baselines × seeds), and every model training now —
 * several may train at once, one per worker thread.
 */
export function LiveProgress({ view, plan }: { view: RunViewState; plan: unknown }) {
  const { done, total, seedsByTrack } = modelProgress(view, plan);
  return (
    <div className="card card-pad" style={{ marginBottom: 16 }} data-testid="run-progress">
      <div className="row" style={{ marginBottom: 8 }}>
        <h2 style={{ margin: 0 }}>Progress</h2>
        <span className="spacer" />
        <span className="small" data-testid="models-done">
          models done <strong>{done}</strong>
          {total !== null && <> / {total}</>}
        </span>
      </div>
      {total !== null && total > 0 && (
        <div className="progress" style={{ marginBottom: 14 }}>
          <div style={{ width: `${Math.min(1, done / total) * 100}%` }} />
        </div>
      )}
      {trackOrder
        .filter((t) => view.tracks[t])
        .map((t) => (
          <TrackProgress key={t} view={view.tracks[t]!} finished={seedsByTrack[t] ?? []} />
        ))}
    </div>
  );
}
