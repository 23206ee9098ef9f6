'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { errorMessage } from '../lib/error-message';
import { useTRPC } from '../lib/trpc';

const SHOWN = 6;

/** Where a new user lands: what Stepstone does, templates to start from, recent graphs and runs. */
export function HomePage() {
  return (
    <div className="page home" data-testid="home">
      <section className="hero">
        <h1>Stepstone</h1>
        <p className="lead">
          Compose a transfer-learning pipeline from nodes — domains, feature extractor, MMD, domain-adversarial training, TrAdaBoost, fine-tuning — run it, and
          see whether transfer helped: every run measures its gain over a no-transfer baseline.
        </p>
        <div className="row">
          <Link className="btn primary" href="/editor">
            New graph
          </Link>
          <Link className="btn" href="/templates">
            Browse all templates
          </Link>
        </div>
      </section>
      <TemplatesSection />
      <div className="home-columns">
        <RecentGraphs />
        <RecentRuns />
      </div>
    </div>
  );
}

function TemplatesSection() {
  const trpc = useTRPC();
  const list = useQuery(trpc.templates.list.queryOptions());
  return (
    <section aria-labelledby="home-templates">
      <h2 id="home-templates">Start from a template</h2>
      {list.error && <div className="banner error">Could not load templates: {errorMessage(list.error)}</div>}
      {list.isLoading && <div className="subtle">Loading templates…</div>}
      <div className="gallery compact">
        {(list.data ?? []).slice(0, SHOWN).map((t) => (
          <Link key={t.id} className="card tpl-card home-tpl" href={`/editor?template=${encodeURIComponent(t.id)}`} aria-label={`Open template ${t.title}`}>
            {t.taxonomy && <span className={`tag ${t.taxonomy}`}>{t.taxonomy}</span>}
            <strong>{t.title}</strong>
            <span className="subtle small clamp">{t.description}</span>
          </Link>
        ))}
      </div>
    </section>
  );
}

function RecentGraphs() {
  const trpc = useTRPC();
  const list = useQuery(trpc.graphs.list.queryOptions());
  return (
    <section className="card card-pad" aria-labelledby="home-graphs">
      <h2 id="home-graphs">Recent graphs</h2>
      {list.error && <div className="banner error small">{errorMessage(list.error)}</div>}
      {list.data?.length === 0 && <div className="subtle small">No saved graphs yet: build one and press Save.</div>}
      <ul className="plain-list">
        {(list.data ?? []).slice(0, SHOWN).map((g) => (
          <li key={g.id}>
            <Link href={`/editor?graph=${encodeURIComponent(g.id)}`}>{g.name}</Link> <span className="subtle small">v{g.version} · {new Date(g.updatedAt).toLocaleDateString()}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function RecentRuns() {
  const trpc = useTRPC();
  const list = useQuery(trpc.runs.list.queryOptions({ limit: SHOWN }));
  return (
    <section className="card card-pad" aria-labelledby="home-runs">
      <h2 id="home-runs">Recent runs</h2>
      {list.error && <div className="banner error small">{errorMessage(list.error)}</div>}
      {list.data?.length === 0 && <div className="subtle small">No runs yet: open a template and press Run.</div>}
      <ul className="plain-list">
        {(list.data ?? []).map((r) => (
          <li key={r.id}>
            <Link href={`/runs/${r.id}`}>{r.graphName}</Link> <span className={`status-pill ${r.status}`}>{r.status}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
