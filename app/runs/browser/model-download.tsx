'use client';

import { zipSync } from 'fflate';

interface Props {
  name: string;
  files: readonly { name: string; data: Uint8Array }[];
}

/**
 * The export node's model, trained in this browser: its files (model.json, weights.bin, preprocessing.json) as
 * one zip, saved by the browser (nothing is sent anywhere). A browser run has no artifact folder on the server.
 */
export function ModelDownload({ name, files }: Props) {
  const download = () => {
    const zip = zipSync(Object.fromEntries(files.map((f) => [`${name}/${f.name}`, f.data])));
    const url = URL.createObjectURL(new Blob([zip as BlobPart], { type: 'application/zip' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'model'}.zip`;
    a.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <button className="btn" onClick={download} data-testid="browser-run-model-download" title={`The exported model: ${files.map((f) => f.name).join(', ')}`}>
      Download model “{name}”
    </button>
  );
}
