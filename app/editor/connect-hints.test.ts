import { describe, expect, it } from 'vitest';
import { decodeWireStart, encodeWireStart, handleHint, portForWire, type WireStart } from './connect-hints';

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

describe('portForWire', () => {
  const trainer = { inputs: [{ name: 'model', type: 'model' as const }, { name: 'losses', type: 'loss' as const }], outputs: [{ name: 'trained', type: 'trainedModel' as const }] };
  it('finds the input a wire from an output fits, or the output a wire from an input fits', () => {
    expect(portForWire(trainer, { handleType: 'source', portType: 'loss' })).toBe('losses');
    expect(portForWire(trainer, { handleType: 'target', portType: 'trainedModel' })).toBe('trained');
    expect(portForWire(trainer, { handleType: 'source', portType: 'domain' })).toBeNull();
  });
});
