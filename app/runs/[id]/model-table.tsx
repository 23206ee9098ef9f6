import { UNLABELLED_TEST_TEXT, type RunResult, type SeedStat, type SplitName } from '../../../formats/run-events';
import { formatPercent, formatStat, modelRows, splitCaption, type ModelRow } from '../result-view';
import { trackColors, trackLabels } from '../run-view-state';

type Column = { key: string; header: string; value: (r: ModelRow) => SeedStat | undefined; loss?: boolean; unlabelled?: boolean };

/**
 * The columns this result has: accuracy per split, then macro F1 and loss on the test split when measured. An
 * unlabelled target keeps its test column, saying why it has no figure.
 */
function columns(rows: readonly ModelRow[], seeds: number, testLabels: RunResult['testLabels']): Column[] {
  const has = (split: SplitName, metric: 'accuracy' | 'macroF1' | 'loss') => rows.some((r) => r.splits[split]?.[metric]);
  const cols: Column[] = [];
  if (testLabels === 'none') cols.push({ key: 'test-acc', header: `Accuracy — ${splitCaption('test', seeds)}`, value: () => undefined, unlabelled: true });
  for (const split of ['test', 'targetValidation', 'sourceValidation'] as const) {
    if (has(split, 'accuracy')) cols.push({ key: `${split}-acc`, header: `Accuracy — ${splitCaption(split, seeds)}`, value: (r) => r.splits[split]?.accuracy });
  }
  if (has('test', 'macroF1')) cols.push({ key: 'test-f1', header: 'Macro F1 — target test', value: (r) => r.splits.test?.macroF1 });
  if (has('test', 'loss')) cols.push({ key: 'test-loss', header: 'Loss — target test', value: (r) => r.splits.test?.loss, loss: true });
  return cols;
}

function Cell({ stat, loss, unlabelled }: { stat: SeedStat | undefined; loss?: boolean; unlabelled?: boolean }) {
  if (unlabelled) return <td className="num subtle">{UNLABELLED_TEST_TEXT}</td>;
  if (!stat) return <td className="num">—</td>;
  const perSeed = stat.perSeed.map((v) => (loss ? v.toFixed(4) : formatPercent(v))).join(', ');
  const text = loss ? (stat.perSeed.length > 1 ? `${stat.mean.toFixed(4)} ± ${stat.std.toFixed(4)}` : stat.mean.toFixed(4)) : formatStat(stat);
  return (
    <td className="num" title={`per seed: ${perSeed}`}>
      {text}
    </td>
  );
}

/** Every model (method and baselines), mean ± std over seeds per split; each column names its split. */
export function ModelTable({ result }: { result: RunResult }) {
  const rows = modelRows(result);
  const cols = columns(rows, result.seeds.length, result.testLabels);
  return (
    <div className="card card-pad">
      <h2>Models</h2>
      <p className="subtle small" style={{ marginTop: 0 }}>
        Mean ± standard deviation over seeds {result.seeds.join(', ')} (hover for each seed). Baselines train the same model without
        transfer, on the same split and seeds. Validation rows are never trained on; the target test split is scored once, at the end.
      </p>
      <table className="data" data-testid="result-table">
        <thead>
          <tr>
            <th>Model</th>
            {cols.map((c) => (
              <th key={c.key} className="num" style={{ textTransform: 'none' }}>
                {c.header}
              </th>
            ))}
            <th className="num" style={{ textTransform: 'none' }}>
              Steps
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.track} className={r.track === 'method' ? 'highlight' : undefined} data-track={r.track}>
              <td style={{ whiteSpace: 'nowrap' }}>
                <span className="status-dot" style={{ background: trackColors[r.track], marginRight: 8 }} />
                {trackLabels[r.track]}
              </td>
              {cols.map((c) => (
                <Cell key={c.key} stat={c.value(r)} loss={c.loss} unlabelled={c.unlabelled} />
              ))}
              <td className="num">{r.steps}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
