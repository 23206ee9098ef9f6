import { EditorScreen } from './editor-screen';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'Editor — Stepstone' };

/** The editor. `?template=<id>` opens a template, `?graph=<id>` a saved graph (optionally `&version=n`). */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const version = Number(one(sp.version));
  return <EditorScreen templateId={one(sp.template) ?? null} graphId={one(sp.graph) ?? null} version={Number.isInteger(version) && version > 0 ? version : null} />;
}
