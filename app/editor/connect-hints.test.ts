import { describe, expect, it } from 'vitest';
import { decodeWireStart, encodeWireStart, handleHint, type WireStart } from './connect-hints';

const fromDomainOut: WireStart = { nodeId: 'source', handleType: 'source', portType: 'domain' };

describe('handleHint', () => {
  it('highlights inputs of the same type on other nodes and dims the rest', () => {
    expect(handleHint(fromDomainOut, 'extractor', 'target', 'domain')).toBe('compatible');
    expect(handleHint(fromDomainOut, 'trainer', 'target', 'model')).toBe('incompatible');
    // Output to output is never a connection.
    expect(handleHint(fromDomainOut, 'target', 'source', 'domain')).toBe('incompatible');
    // The node the wire starts from is never a target.
    expect(handleHint(fromDomainOut, 'source', 'target', 'domain')).toBe('incompatible');
  });
  it('works from an input backwards to outputs', () => {
    const fromModelIn: WireStart = { nodeId: 'trainer', handleType: 'target', portType: 'model' };
    expect(handleHint(fromModelIn, 'head', 'source', 'model')).toBe('compatible');
    expect(handleHint(fromModelIn, 'source', 'source', 'domain')).toBe('incompatible');
  });
  it('gives no hint when no wire is dragged', () => {
    expect(handleHint(null, 'x', 'target', 'domain')).toBeNull();
  });
  it('round-trips the wire start through its string form', () => {
    expect(decodeWireStart(encodeWireStart(fromDomainOut))).toEqual(fromDomainOut);
    expect(decodeWireStart(encodeWireStart(null))).toBeNull();
  });
});
