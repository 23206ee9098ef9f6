import { TemplateGallery } from './template-gallery';

export const metadata = { title: 'Templates — Stepstone' };

export default function Page() {
  return <TemplateGallery />;
}
