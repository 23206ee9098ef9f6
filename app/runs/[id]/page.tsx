import { RunView } from './run-view';

export const dynamic = 'force-dynamic';

export default async function Page({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { id } = await params;
  const from = (await searchParams).from;
  return <RunView runId={id} from={typeof from === 'string' ? from : null} />;
}
