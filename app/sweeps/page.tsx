import { SweepList } from './sweep-list';

export const metadata = { title: 'Sweeps — Stepstone' };

export default function Page() {
  return <SweepList />;
}
