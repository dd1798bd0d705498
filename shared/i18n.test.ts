import { describe, expect, it } from 'vitest';
import { errorStatus, type ErrorCode } from './errors.js';
import { errorText, translate } from './i18n-all.js';

describe('the message catalogues', () => {
  it('fill in placeholders in Dutch and English', () => {
    const booked = { code: 'HUB-2-014', name: 'Werkplek 14', location: 'Werk HUB', when: 'do 3 dec. ochtend' };
    expect(translate('nl', 'reserve.done', booked)).toBe('HUB-2-014 is voor je gereserveerd. Werkplek 14, Werk HUB, do 3 dec. ochtend.');
    expect(translate('en', 'reserve.done', booked)).toBe('HUB-2-014 is reserved for you. Werkplek 14, Werk HUB, do 3 dec. ochtend.');
  });
  it('turn every error code the API can send into its own text, not the generic one', () => {
    for (const code of (Object.keys(errorStatus) as ErrorCode[]).filter((c) => c !== 'idempotency_key_reused')) {
      expect(errorText('nl', code), code).not.toBe(errorText('nl', 'unknown'));
      expect(errorText('en', code), code).not.toBe(errorText('en', 'unknown'));
    }
    expect(errorText('nl', 'conflict')).toBe('Deze plek is al gereserveerd voor die tijd.');
  });
});
