import { GraphList } from './graph-list';

export const metadata = { title: 'Saved graphs — Stepstone' };

export default function Page() {
  return <GraphList />;
}
