import { redirect } from 'next/navigation';
import { HomePage } from './home/home-page';

export const dynamic = 'force-dynamic';

/** The home page. Old editor links (`/?template=…`, `/?graph=…`) go on to the editor at /editor. */
export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  if (sp.template !== undefined || sp.graph !== undefined) {
    const qs = new URLSearchParams(Object.entries(sp).flatMap(([k, v]) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => [k, x]))));
    redirect(`/editor?${qs.toString()}`);
  }
  return <HomePage />;
}
