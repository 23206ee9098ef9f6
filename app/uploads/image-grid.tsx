'use client';

import { useEffect, useRef } from 'react';
import type { UploadPreview } from '../../formats/upload-preview';

/** One image (pixels in [0, 1], height × width × channels) drawn on a small canvas, `scale` screen pixels per pixel. */
export function PixelImage({ shape, pixels, scale }: { shape: readonly [number, number, number]; pixels: readonly number[]; scale: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [h, w, ch] = shape;
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(w, h);
    for (let i = 0; i < h * w; i++) {
      const px = (k: number) => Math.round(255 * Math.max(0, Math.min(1, pixels[i * ch + (ch === 1 ? 0 : k)] ?? 0)));
      img.data.set([px(0), px(1), px(2), 255], i * 4);
    }
    ctx.putImageData(img, 0, 0);
  }, [pixels, h, w, ch]);
  return <canvas ref={ref} width={w} height={h} style={{ width: w * scale, height: h * scale, imageRendering: 'pixelated', border: '1px solid var(--border)' }} />;
}

/** A few images of each class, labelled: the picture of an image upload. */
export function ImageGrid({ images }: { images: NonNullable<UploadPreview['images']> }) {
  const scale = Math.max(1, Math.round(48 / images.shape[1]));
  return (
    <div className="row" style={{ flexWrap: 'wrap', gap: 8 }} data-testid="image-grid">
      {images.samples.map((s, i) => (
        <figure key={i} style={{ margin: 0, textAlign: 'center' }}>
          <PixelImage shape={images.shape} pixels={s.pixels} scale={scale} />
          <figcaption className="small subtle">{s.label}</figcaption>
        </figure>
      ))}
    </div>
  );
}
