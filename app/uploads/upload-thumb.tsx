'use client';

import type { UploadThumbnail } from '../../formats/upload-preview';
import { PixelImage } from './image-grid';
import { ScatterThumb } from './scatter-thumb';

/** An upload's thumbnail in a `size`-pixel square: its scatter, or its first images (2 × 2) for an image upload. */
export function UploadThumb({ thumbnail, size, name }: { thumbnail: UploadThumbnail; size: number; name: string }) {
  if (thumbnail.points) return <ScatterThumb points={thumbnail.points} size={size} label={`${name}: its rows coloured by class`} />;
  const images = thumbnail.images;
  if (!images) return null;
  const scale = (size - 4) / 2 / images.shape[1];
  return (
    <div role="img" aria-label={`${name}: one image of each of its first classes`} data-testid="image-thumb" style={{ display: 'grid', gridTemplateColumns: 'auto auto', gap: 2, width: size, height: size, lineHeight: 0 }}>
      {images.samples.map((s, i) => (
        <PixelImage key={i} shape={images.shape} pixels={s.pixels} scale={scale} />
      ))}
    </div>
  );
}
