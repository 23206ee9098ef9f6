import { UploadList } from './upload-list';

export const metadata = { title: 'Uploads — Stepstone' };

export default function Page() {
  return <UploadList />;
}
