'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { GraphDocument } from '../../formats/graph-document';
import { errorMessage } from '../lib/error-message';
import { Modal } from '../lib/modal';
import { useTRPC } from '../lib/trpc';

const AUTHOR_KEY = 'stepstone.author';

/** Confirms publishing to the gallery, with a title, the author's name and a description. */
export function PublishDialog({ document, onClose, onPublished }: { document: GraphDocument; onClose: () => void; onPublished: (text: string) => void }) {
  const trpc = useTRPC();
  const [title, setTitle] = useState(document.name);
  const [author, setAuthor] = useState(() => window.localStorage.getItem(AUTHOR_KEY) ?? '');
  const [description, setDescription] = useState(document.description);
  const publish = useMutation(trpc.templates.saveAsTemplate.mutationOptions());
  const submit = async () => {
    try {
      const r = await publish.mutateAsync({ title, author: author || undefined, description, taxonomy: document.metadata.taxonomy, document });
      window.localStorage.setItem(AUTHOR_KEY, author);
      onPublished(r.duplicate ? `“${title}” is already in the templates gallery.` : `Published “${title}” to the templates gallery.`);
    } catch {
      // Shown below from publish.error.
    }
  };
  return (
    <Modal label="Publish to the gallery" onClose={onClose}>
      <h2>Publish to the templates gallery?</h2>
      <p className="subtle small">Everyone using this Stepstone will see it in Templates. You can unpublish or delete it there later.</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="field">
          <label htmlFor="publish-title">Title</label>
          <input id="publish-title" type="text" required maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="publish-author">Author</label>
          <input id="publish-author" type="text" maxLength={100} placeholder="Your name" value={author} onChange={(e) => setAuthor(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="publish-description">Description</label>
          <textarea id="publish-description" rows={4} style={{ width: '100%' }} maxLength={5000} value={description} onChange={(e) => setDescription(e.target.value)} />
        </div>
        {publish.error && <div className="banner error small">Could not publish: {errorMessage(publish.error)}</div>}
        <div className="row" style={{ marginTop: 14, justifyContent: 'flex-end' }}>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn primary" disabled={publish.isPending || !title.trim()}>
            {publish.isPending ? 'Publishing…' : 'Publish'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
