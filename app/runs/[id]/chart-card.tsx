import { ResponsiveContainer } from 'recharts';

/** A titled card holding one recharts chart, or a placeholder until its data arrives. */
export function ChartCard({ title, note, empty, emptyText = 'No data yet', children, testId }: { title: string; note?: string; empty: boolean; emptyText?: string; children: React.ReactElement; testId?: string }) {
  return (
    <div className="card card-pad" data-testid={testId}>
      <h2>{title}</h2>
      {note && (
        <p className="subtle small" style={{ marginTop: -4 }}>
          {note}
        </p>
      )}
      {empty ? (
        <div className="empty" style={{ height: 240, padding: 0, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
          {emptyText}
        </div>
      ) : (
        <div style={{ height: 240 }}>
          <ResponsiveContainer width="100%" height="100%">
            {children}
          </ResponsiveContainer>
        </div>
      )}
    </div>
  );
}

/** Class colours for boundaries and points; domain colours for projections. */
export const classColors = ['#2563eb', '#ea580c', '#16a34a', '#9333ea', '#0891b2', '#be123c', '#a16207', '#4b5563'];
export const domainColors = ['#2563eb', '#ea580c', '#16a34a', '#9333ea', '#0891b2', '#be123c'];
export const termColors = ['#0f172a', '#2563eb', '#dc2626', '#16a34a', '#ea580c', '#9333ea'];
