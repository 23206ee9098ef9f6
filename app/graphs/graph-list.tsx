'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useTRPC } from '../lib/trpc';
import { errorMessage } from '../lib/error-message';

export function GraphList() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const list = useQuery(trpc.graphs.list.queryOptions());
  const del = useMutation(trpc.graphs.delete.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.graphs.list.queryKey() }) }));
  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Saved graphs</h1>
          <div className="subtle">Every save keeps a version; open any version from the editor’s History.</div>
        </div>
        <Link href="/editor" className="btn primary">
          New graph
        </Link>
      </div>
      {list.error && <div className="banner error">{errorMessage(list.error)}</div>}
      {list.data && list.data.length === 0 && <div className="card empty">No saved graphs yet. Build one in the editor and press Save.</div>}
      {list.data && list.data.length > 0 && (
        <div className="card">
          <table className="data">
            <thead>
              <tr>
                <th>Name</th>
                <th className="num">Version</th>
                <th>Updated</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.data.map((g) => (
                <tr key={g.id}>
                  <td>
                    <Link href={`/editor?graph=${encodeURIComponent(g.id)}`}>{g.name}</Link>
                  </td>
                  <td className="num">v{g.version}</td>
                  <td className="subtle">{new Date(g.updatedAt).toLocaleString()}</td>
                  <td className="num">
                    <button
                      className="btn small danger"
                      onClick={() => {
                        if (window.confirm(`Delete “${g.name}” and all its versions?`)) del.mutate({ id: g.id });
                      }}
                    >
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
