import { randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { graphs, graphVersions, shareLinks } from '../../db/schema';
import { GRAPH_VERSION, type GraphDocument } from '../../formats/graph-document';
import { graphText } from './parse-graph-file';

export interface GraphSummary {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface ShareLinkRow {
  readonly token: string;
  /** The pinned version, or null: the link follows the newest version. */
  readonly version: number | null;
  readonly createdAt: Date;
}

export interface GraphVersionRow {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly document: GraphDocument;
  readonly text: string;
  readonly message: string | null;
  readonly createdAt: Date;
}

/** Saved graphs: each save appends an immutable version; the graph row only points at the newest. */
export class GraphRepo {
  constructor(private readonly db: Db) {}

  /**
   * Saves a new version, or reuses the newest one when the document is unchanged (`unchanged: true`):
   * sharing or saving twice does not pile up identical versions.
   */
  async save(input: { id?: string; document: GraphDocument; message?: string }): Promise<{ id: string; version: number; unchanged: boolean }> {
    const text = graphText(input.document);
    // Store the document exactly as the text says (what export returns and import reads back).
    const document = JSON.parse(text) as GraphDocument;
    return this.db.transaction(async (tx) => {
      let id = input.id;
      let version: number;
      if (id) {
        const [latest] = await tx
          .select({ version: graphVersions.version, text: graphVersions.text })
          .from(graphVersions)
          .innerJoin(graphs, and(eq(graphs.id, graphVersions.graphId), eq(graphs.latestVersion, graphVersions.version)))
          .where(eq(graphVersions.graphId, id));
        if (latest && latest.text === text) return { id, version: latest.version, unchanged: true };
        const [row] = await tx
          .update(graphs)
          .set({ latestVersion: sql`${graphs.latestVersion} + 1`, name: document.name, updatedAt: new Date() })
          .where(eq(graphs.id, id))
          .returning({ version: graphs.latestVersion });
        if (!row) throw new GraphNotFound(id);
        version = row.version;
      } else {
        id = randomUUID();
        version = 1;
        await tx.insert(graphs).values({ id, name: document.name, latestVersion: 1 });
      }
      await tx.insert(graphVersions).values({ graphId: id, version, formatVersion: GRAPH_VERSION, document, text, message: input.message ?? null });
      return { id, version, unchanged: false };
    });
  }

  async list(): Promise<GraphSummary[]> {
    const rows = await this.db.select().from(graphs).orderBy(desc(graphs.updatedAt));
    return rows.map((r) => ({ id: r.id, name: r.name, version: r.latestVersion, createdAt: r.createdAt, updatedAt: r.updatedAt }));
  }

  async getVersion(id: string, version?: number): Promise<GraphVersionRow | undefined> {
    const [graph] = await this.db.select().from(graphs).where(eq(graphs.id, id));
    if (!graph) return undefined;
    const v = version ?? graph.latestVersion;
    const [row] = await this.db.select().from(graphVersions).where(and(eq(graphVersions.graphId, id), eq(graphVersions.version, v)));
    if (!row) return undefined;
    const document = row.document as GraphDocument;
    return { id, version: v, name: document.name, document, text: row.text, message: row.message, createdAt: row.createdAt };
  }

  async history(id: string): Promise<Omit<GraphVersionRow, 'document' | 'text'>[]> {
    const rows = await this.db
      .select({ version: graphVersions.version, name: sql<string>`${graphVersions.document}->>'name'`, message: graphVersions.message, createdAt: graphVersions.createdAt })
      .from(graphVersions)
      .where(eq(graphVersions.graphId, id))
      .orderBy(desc(graphVersions.version));
    return rows.map((r) => ({ id, ...r }));
  }

  async delete(id: string): Promise<boolean> {
    const rows = await this.db.delete(graphs).where(eq(graphs.id, id)).returning({ id: graphs.id });
    return rows.length > 0;
  }

  /**
   * A read-only link to the graph: pinned to `version`, or following the newest version when it is null.
   * An active link with the same pin is reused rather than multiplied.
   */
  async share(id: string, version: number | null): Promise<string> {
    const pin = version === null ? isNull(shareLinks.graphVersion) : eq(shareLinks.graphVersion, version);
    const [existing] = await this.db
      .select({ token: shareLinks.token })
      .from(shareLinks)
      .where(and(eq(shareLinks.graphId, id), pin, isNull(shareLinks.revokedAt)));
    if (existing) return existing.token;
    const token = randomBytes(24).toString('base64url');
    await this.db.insert(shareLinks).values({ token, graphId: id, graphVersion: version });
    return token;
  }

  /** The graph's active (not revoked) share links, newest first. */
  async shareLinks(id: string): Promise<ShareLinkRow[]> {
    return this.db
      .select({ token: shareLinks.token, version: shareLinks.graphVersion, createdAt: shareLinks.createdAt })
      .from(shareLinks)
      .where(and(eq(shareLinks.graphId, id), isNull(shareLinks.revokedAt)))
      .orderBy(desc(shareLinks.createdAt));
  }

  /** Revokes a link of this graph; false when there was no such active link. */
  async revoke(id: string, token: string): Promise<boolean> {
    const rows = await this.db
      .update(shareLinks)
      .set({ revokedAt: new Date() })
      .where(and(eq(shareLinks.token, token), eq(shareLinks.graphId, id), isNull(shareLinks.revokedAt)))
      .returning({ token: shareLinks.token });
    return rows.length > 0;
  }

  async getShared(token: string): Promise<(GraphVersionRow & { pinned: boolean }) | undefined> {
    const [link] = await this.db.select().from(shareLinks).where(and(eq(shareLinks.token, token), isNull(shareLinks.revokedAt)));
    if (!link) return undefined;
    const row = await this.getVersion(link.graphId, link.graphVersion ?? undefined);
    return row && { ...row, pinned: link.graphVersion !== null };
  }
}

export class GraphNotFound extends Error {
  constructor(readonly id: string) {
    super(`No saved graph with id ${id}.`);
    this.name = 'GraphNotFound';
  }
}
