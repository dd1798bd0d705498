import { describe, expect, it } from 'vitest';
import { roomBookEnd, roomBookOptions } from './room-display.js';

const at = (time: string) => Date.parse(`2026-12-01T${time}+01:00`);
/** The offers as the display words them: minutes, or 'tot' the next meeting's start. */
const offered = (now: string, next: string | null) =>
  roomBookOptions(at(now), next === null ? null : at(next)).map((o) => ('minutes' in o ? o.minutes : o.until === at(next!) ? `tot ${next!.slice(0, 5)}` : 'tot ?'));

describe('what a room display offers', () => {
  it.each([
    ['19:00:00', null, [15, 30, 60]],
    ['19:00:40', '20:00:00', [15, 30, 60]],
    ['19:20:00', '20:00:00', [15, 30, 'tot 20:00']],
    ['19:30:00', '20:00:00', [15, 30]],
    ['19:51:00', '20:00:00', ['tot 20:00']],
    ['19:55:59', '20:04:00', ['tot 20:04']],
    ['19:56:00', '20:00:00', []],
  ] as const)('at %s with the next meeting at %s: %j', (now, next, expected) => {
    expect(offered(now, next)).toEqual(expected);
  });

  it('takes a length or an end from the whole minute, five minutes to an hour', () => {
    expect(roomBookEnd(at('19:51:30'), { minutes: 15 })).toBe(at('20:06:00'));
    expect(roomBookEnd(at('19:51:30'), { until: at('20:00:00') })).toBe(at('20:00:00'));
    expect(roomBookEnd(at('19:56:30'), { until: at('20:00:00') })).toBe('invalid_interval');
    expect(roomBookEnd(at('19:00:00'), { until: at('20:00:01') })).toBe('invalid_interval');
  });
});
