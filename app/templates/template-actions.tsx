'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../lib/error-message';
import { useTRPC } from '../lib/trpc';

/** Unpublish (or publish again) and delete for a saved template; built-ins have neither. */
export function TemplateActions({ id, title, published }: { id: string; title: string; published: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.templates.list.pathKey() });
  const setPublished = useMutation(trpc.templates.setPublished.mutationOptions({ onSuccess: refresh }));
  const del = useMutation(trpc.templates.delete.mutationOptions({ onSuccess: refresh }));
  const error = setPublished.error ?? del.error;
  return (
    <>
      <button className="btn small ghost" onClick={() => setPublished.mutate({ id, published: !published })} aria-label={`${published ? 'Unpublish' : 'Publish again'} ${title}`}>
        {published ? 'Unpublish' : 'Publish again'}
      </button>
      <button
        className="btn small danger"
        onClick={() => {
          if (window.confirm(`Delete the template “${title}”? This cannot be undone.`)) del.mutate({ id });
        }}
        aria-label={`Delete ${title}`}
      >
        Delete
      </button>
      {error && <span className="small" style={{ color: 'var(--danger)' }}>{errorMessage(error)}</span>}
    </>
  );
}
