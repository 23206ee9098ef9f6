import { RunList } from './run-list';

export const metadata = { title: 'Runs — Stepstone' };

export default function Page() {
  return <RunList />;
}
