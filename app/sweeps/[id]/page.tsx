import { SweepView } from './sweep-view';

export const dynamic = 'force-dynamic';

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <SweepView sweepId={id} />;
}
