import { describe, expect, it } from 'vitest';
import { torchOf, type TorchTrack } from '../../client/torch.js';

/** A camera track as the browser gives it, recording what the page asks of it. */
function track(caps: Record<string, unknown> | (() => never), refuse = false) {
  const applied: MediaTrackConstraints[] = [];
  const t: TorchTrack = {
    getCapabilities: typeof caps === 'function' ? caps : () => caps as MediaTrackCapabilities,
    applyConstraints: async (c) => {
      applied.push(c);
      if (refuse) throw new DOMException('the torch is busy', 'NotReadableError');
    },
  };
  return { t, applied };
}

describe('the scanner torch', () => {
  it('is there only when the camera says it has one', () => {
    expect(torchOf(undefined)).toBeNull();
    expect(torchOf(track({}).t)).toBeNull();
    expect(torchOf(track({ torch: false }).t)).toBeNull();
    expect(torchOf({ applyConstraints: async () => {} })).toBeNull(); // Firefox: no getCapabilities
    expect(torchOf(track(() => { throw new Error('not supported'); }).t)).toBeNull();
    expect(torchOf(track({ torch: true }).t)).not.toBeNull();
  });

  it('switches on and off through an advanced constraint, starting off', async () => {
    const { t, applied } = track({ torch: true });
    const torch = torchOf(t)!;
    expect(torch.on).toBe(false);
    expect(await torch.set(true)).toBe(true);
    expect(torch.on).toBe(true);
    expect(await torch.set(false)).toBe(false);
    expect(applied).toEqual([{ advanced: [{ torch: true }] }, { advanced: [{ torch: false }] }]);
  });

  it('keeps its state when the camera refuses', async () => {
    const { t, applied } = track({ torch: true }, true);
    const torch = torchOf(t)!;
    expect(await torch.set(true)).toBe(false);
    expect(torch.on).toBe(false);
    expect(applied).toHaveLength(1);
  });
});
