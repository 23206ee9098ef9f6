/** Bounds on untrusted documents (graphs, templates, uploads, API input). */
export const limits = {
  maxNodes: 1000,
  maxEdges: 4000,
  maxIdLength: 64,
  maxNameLength: 200,
  maxDescriptionLength: 5000,
  maxParamStringLength: 20_000,
  maxGraphBytes: 2_000_000,
  maxComments: 200,
  maxCommentLength: 5000,
  maxGroups: 100,
  /** Nesting of any JSON input (API arguments, graph files); checked on the text before it is parsed. */
  maxJsonDepth: 64,
  /** Body of one API request. */
  maxRequestBytes: 8_000_000,
} as const;
