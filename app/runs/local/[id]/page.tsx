import { LocalRunPage } from '../../browser/local-run-page';

export const metadata = { title: 'Run in this browser — Stepstone' };

/** A run kept in the visitor's browser: the page reads it from IndexedDB (nothing is on the server). */
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <LocalRunPage id={id} />;
}
