import { SharedGraph } from './shared-graph';

export const dynamic = 'force-dynamic';

export default async function Page({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return <SharedGraph token={token} />;
}
