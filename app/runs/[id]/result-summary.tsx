import type { RunResult } from '../../../formats/run-events';
import { formatGain, formatStat, formatTestStat, gainIntervalText, perSeedGains, seedsLabel, sourceOnlyBeside, splitCaption, verdictDisplay } from '../result-view';
import { trackLabels } from '../run-view-state';
import { VerdictBanner } from '../verdict-badge';

const toneColor = { negative: 'var(--danger)', positive: 'var(--ok)', inconclusive: undefined, neutral: undefined } as const;

function Figure({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div>
      <div className="subtle small">{label}</div>
      <div className="metric-big" style={{ fontSize: 20 }} data-testid={testId}>
        {children}
      </div>
    </div>
  );
}

/** The gain with its interval, the baseline it is measured against and why, and each seed's difference. */
function GainBlock({ result }: { result: RunResult }) {
  const gain = result.gain;
  if (!gain) return <div className="subtle" data-testid="no-gain">No transfer gain: the target has no labelled test rows{result.testLabels === 'none' ? ' (an unlabelled target)' : ''}.</div>;
  const beside = sourceOnlyBeside(result);
  const tone = verdictDisplay(result.verdict, gain).tone;
  return (
    <div style={{ display: 'grid', gap: 6 }}>
      <div className="subtle small">
        Gain over <strong>{trackLabels[gain.baseline].toLowerCase()}</strong> — accuracy, {splitCaption('test', gain.perSeed.length)}; baseline chosen by {gain.chosenBy}
      </div>
      <div className="row" style={{ alignItems: 'baseline', gap: 12, flexWrap: 'wrap' }}>
        <span className="metric-big" style={{ color: toneColor[tone] }} data-testid="gain-big">
          {formatGain(gain.mean)}
        </span>
        <span data-testid="gain-interval">{gainIntervalText(gain)}</span>
      </div>
      <div className="small" data-testid="gain-per-seed">
        <span className="subtle">Per seed (method − {trackLabels[gain.baseline].toLowerCase()}): </span>
        {perSeedGains(result)
          .map((g) => `seed ${g.seed} ${formatGain(g.diff)}`)
          .join(' · ')}
      </div>
      {beside && (
        <div className="small" data-testid="gain-source-only">
          <span className="subtle">Beside it, source only: </span>
          {formatStat(beside.stat)} ({splitCaption('test', beside.stat.perSeed.length)}); method − source only {formatGain(beside.diff)}
        </div>
      )}
    </div>
  );
}

function AdviceList({ advice }: { advice: RunResult['advice'] }) {
  return (
    <div className="card card-pad">
      <h2>Advice</h2>
      <ul data-testid="advice" style={{ margin: 0, paddingLeft: 20, lineHeight: 1.6 }}>
        {advice.map((a, i) => (
          <li key={`${a.code}-${i}`} data-code={a.code}>
            {a.message}
          </li>
        ))}
        {advice.length === 0 && <li className="subtle">Nothing this run measured calls for a change.</li>}
      </ul>
    </div>
  );
}

/** The headline of a finished run: the server's verdict, the gain and its interval, the method's score, advice. */
export function ResultSummary({ result }: { result: RunResult }) {
  const test = result.models.method.splits.test?.accuracy;
  return (
    <div style={{ display: 'grid', gap: 16 }} data-testid="final-result">
      <VerdictBanner verdict={result.verdict} gain={result.gain} />
      <div className="card card-pad" style={{ display: 'grid', gap: 14 }}>
        <GainBlock result={result} />
        <div className="row" style={{ alignItems: 'flex-start', gap: 32, flexWrap: 'wrap' }}>
          <Figure label={`Method accuracy (${splitCaption('test', test?.perSeed.length ?? result.seeds.length)})`} testId="method-test-accuracy">
            {formatTestStat(result, test)}
          </Figure>
          <Figure label="Seeds">{result.seeds.length > 4 ? seedsLabel(result.seeds.length) : result.seeds.join(', ')}</Figure>
          <Figure label="Backend" testId="result-backend">
            {result.backend}
            {result.adapter && <span className="subtle" style={{ display: 'block', fontSize: 12 }} data-testid="result-adapter">{result.adapter}</span>}
          </Figure>
          <Figure label="Time">{(result.durationMs / 1000).toFixed(1)} s</Figure>
        </div>
      </div>
      <AdviceList advice={result.advice} />
    </div>
  );
}
