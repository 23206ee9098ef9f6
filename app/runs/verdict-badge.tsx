import type { Gain, Verdict } from '../../formats/run-events';
import { verdictDisplay, type VerdictDisplay } from './result-view';

/** Red only for negative transfer; an open question is amber, never alarm-red. */
export const toneStyle: Record<VerdictDisplay['tone'], React.CSSProperties> = {
  negative: { background: 'var(--danger)', color: '#fff', borderColor: 'var(--danger)' },
  positive: { background: 'var(--ok-soft)', color: '#14532d', borderColor: '#b7e3c3' },
  inconclusive: { background: 'var(--warn-soft)', color: '#92400e', borderColor: '#f7d9a8' },
  neutral: { background: '#f1f5f9', color: '#334155', borderColor: 'var(--border)' },
};

/** The server's verdict as a small pill (run list, comparison). */
export function VerdictBadge({ verdict, gain }: { verdict: Verdict | null; gain: Gain | null }) {
  const d = verdictDisplay(verdict, gain);
  return (
    <span className="status-pill" style={{ ...toneStyle[d.tone], border: '1px solid', whiteSpace: 'nowrap' }} title={d.detail} data-verdict={verdict ?? 'none'}>
      {d.tone === 'negative' && '⚠ '}
      {d.short}
    </span>
  );
}

/** The server's verdict as the run page's headline. */
export function VerdictBanner({ verdict, gain }: { verdict: Verdict | null; gain: Gain | null }) {
  const d = verdictDisplay(verdict, gain);
  return (
    <div
      data-testid="verdict"
      data-verdict={verdict ?? 'none'}
      role={d.tone === 'negative' ? 'alert' : 'status'}
      style={{ ...toneStyle[d.tone], border: '1px solid', borderRadius: 'var(--radius)', padding: '14px 18px' }}
    >
      <div style={{ fontWeight: 650, fontSize: 16 }}>
        {d.tone === 'negative' && '⚠ '}
        {d.title}
      </div>
      <div style={{ marginTop: 4, fontSize: 13.5 }}>{d.detail}</div>
    </div>
  );
}
