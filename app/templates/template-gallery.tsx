'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { taxonomies } from '../../nodes/core/define-node';
import { useTRPC } from '../lib/trpc';
import { errorMessage } from '../lib/error-message';
import { TemplateActions } from './template-actions';

const taxonomyHelp: Record<string, string> = {
  'feature-based': 'learn features in which source and target look alike',
  'instance-based': 'reweight source samples that resemble the target',
  'parameter-based': 'share or fine-tune model weights',
};

export function TemplateGallery() {
  const trpc = useTRPC();
  const [showUnpublished, setShowUnpublished] = useState(false);
  const list = useQuery(trpc.templates.list.queryOptions({ includeUnpublished: showUnpublished }));
  const [filter, setFilter] = useState<string>('all');
  const shown = useMemo(() => (list.data ?? []).filter((t) => filter === 'all' || t.taxonomy === filter), [list.data, filter]);
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Method templates</h1>
          <div className="subtle">Classic transfer-learning methods as ready-to-run graphs. Open one, inspect every node, change it, run it.</div>
        </div>
        <Link href="/editor" className="btn">
          Blank graph
        </Link>
      </div>
      <div className="row" style={{ marginBottom: 16, flexWrap: 'wrap' }}>
        {['all', ...taxonomies].map((t) => (
          <button key={t} className={`btn small${filter === t ? ' primary' : ''}`} onClick={() => setFilter(t)}>
            {t === 'all' ? 'All' : t}
          </button>
        ))}
        {filter !== 'all' && <span className="subtle small">— {taxonomyHelp[filter]}</span>}
        <span className="spacer" />
        <label className="small row">
          <input type="checkbox" checked={showUnpublished} onChange={(e) => setShowUnpublished(e.target.checked)} /> Show unpublished
        </label>
      </div>
      {list.isLoading && <div className="empty">Loading templates…</div>}
      {list.error && <div className="banner error">Could not load templates: {errorMessage(list.error)}</div>}
      <div className="gallery">
        {shown.map((t) => (
          <div key={t.id} className="card tpl-card" data-testid={`template-${t.id}`} style={t.published ? undefined : { opacity: 0.7 }}>
            <div className="row">
              {t.taxonomy && <span className={`tag ${t.taxonomy}`}>{t.taxonomy}</span>}
              {t.builtin === false && <span className="tag">{t.published ? 'shared' : 'unpublished'}</span>}
              {t.author && <span className="subtle small" data-testid="tpl-author">by {t.author}</span>}
            </div>
            <h2 style={{ margin: 0 }}>{t.title}</h2>
            <p>{t.description}</p>
            <div className="row">
              <span className="subtle small">{t.document.nodes.length} nodes · {t.document.edges.length} edges</span>
              <span className="spacer" />
              {!t.builtin && <TemplateActions id={t.id} title={t.title} published={t.published} />}
              <Link className="btn primary small" href={`/editor?template=${encodeURIComponent(t.id)}`} aria-label={`Open ${t.title}`}>
                Open in editor
              </Link>
            </div>
          </div>
        ))}
      </div>
      {list.data && shown.length === 0 && <div className="empty">No templates in this category.</div>}
    </div>
  );
}
