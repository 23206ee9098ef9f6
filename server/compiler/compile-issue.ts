/** One problem found in a graph, attached to what caused it, with what to do about it. */
export interface CompileIssue {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly hint: string;
  readonly nodeId?: string;
  readonly edgeId?: string;
  /** A param name, dotted for nested fields (e.g. "options.rotation"), or a document path. */
  readonly field?: string;
}

export interface IssueLocation {
  readonly nodeId?: string;
  readonly edgeId?: string;
  readonly field?: string;
}

/** Bounds the response for hostile graphs; a real graph never gets near it. */
const MAX_ISSUES = 500;

/** Collects every issue instead of stopping at the first. */
export class IssueSink {
  readonly errors: CompileIssue[] = [];
  readonly warnings: CompileIssue[] = [];

  error(code: string, message: string, hint: string, at: IssueLocation = {}): void {
    this.push(this.errors, { code, severity: 'error', message, hint, ...at });
  }

  warn(code: string, message: string, hint: string, at: IssueLocation = {}): void {
    this.push(this.warnings, { code, severity: 'warning', message, hint, ...at });
  }

  get hasErrors(): boolean {
    return this.errors.length > 0;
  }

  private push(list: CompileIssue[], issue: CompileIssue): void {
    if (list.length < MAX_ISSUES) list.push(issue);
    else if (list.length === MAX_ISSUES)
      list.push({ code: 'tooManyIssues', severity: issue.severity, message: `more than ${MAX_ISSUES} issues; the rest are not listed`, hint: 'Fix the issues above and validate again.' });
  }
}
