import { describe, expect, it } from 'vitest';
import { decide, preflight, presentOnThisMachine, type Host } from '../scripts/preflight.js';

const ALL = ['chromium', 'ffmpeg', 'nginx', 'openssl', 'libreoffice-calc', 'python3-icalendar', 'prometheus'];
const host = (missing: string[], over: Partial<Host> = {}): Host => ({ present: (pkg) => !missing.includes(pkg), isRoot: false, sudo: false, apt: true, ...over });

describe('npm test preflight: what is missing decides what happens', () => {
  it('does nothing when every program is there', () => {
    expect(decide(host([]))).toEqual({ kind: 'ready' });
    expect(decide(host([], { isRoot: true }))).toEqual({ kind: 'ready' });
  });

  it('as root on a bare machine: one apt-get update, then the four with recommends and Calc and icalendar without', () => {
    expect(decide(host(ALL, { isRoot: true }))).toEqual({
      kind: 'install',
      packages: ALL,
      commands: [
        ['apt-get', 'update', '-q'],
        ['apt-get', 'install', '-y', '-q', 'chromium', 'ffmpeg', 'nginx', 'openssl'],
        ['apt-get', 'install', '-y', '-q', '--no-install-recommends', 'libreoffice-calc', 'python3-icalendar', 'prometheus'],
      ],
    });
  });

  it('installs only what is missing, and leaves out an install with nothing to install', () => {
    expect(decide(host(['ffmpeg'], { isRoot: true }))).toMatchObject({ commands: [['apt-get', 'update', '-q'], ['apt-get', 'install', '-y', '-q', 'ffmpeg']] });
    expect(decide(host(['python3-icalendar'], { isRoot: true }))).toMatchObject({
      commands: [['apt-get', 'update', '-q'], ['apt-get', 'install', '-y', '-q', '--no-install-recommends', 'python3-icalendar']],
    });
  });

  it('with passwordless sudo: the same commands through sudo -n (never a password prompt in a test run)', () => {
    const d = decide(host(['nginx', 'libreoffice-calc'], { sudo: true }));
    expect(d).toMatchObject({
      kind: 'install',
      commands: [
        ['sudo', '-n', 'apt-get', 'update', '-q'],
        ['sudo', '-n', 'apt-get', 'install', '-y', '-q', 'nginx'],
        ['sudo', '-n', 'apt-get', 'install', '-y', '-q', '--no-install-recommends', 'libreoffice-calc'],
      ],
    });
  });

  it('neither root nor sudo: one line naming what is missing and the exact commands to type', () => {
    const d = decide(host(['chromium', 'python3-icalendar']));
    expect(d.kind).toBe('explain');
    const line = (d as { line: string }).line;
    expect(line).not.toContain('\n');
    expect(line).toBe(
      'npm test: missing /usr/bin/chromium, /usr/bin/python3 with icalendar; run: sudo apt-get update && sudo apt-get install -y chromium && sudo apt-get install -y --no-install-recommends python3-icalendar',
    );
  });

  it('root without apt-get (not Debian): names the packages instead of installing', () => {
    const d = decide(host(['ffmpeg', 'openssl'], { isRoot: true, apt: false }));
    expect(d).toMatchObject({ kind: 'explain', line: 'npm test: missing ffmpeg, openssl; install the Debian packages ffmpeg openssl or their equivalents' });
  });
});

describe('npm test preflight: running the decision', () => {
  it('runs the apt-get commands in order and passes once the programs are there', () => {
    const missing = ['ffmpeg', 'libreoffice-calc'];
    const ran: string[] = [];
    const log: string[] = [];
    const code = preflight(
      host(missing, { isRoot: true }),
      (command) => {
        ran.push(command.join(' '));
        if (command.includes('install')) missing.splice(0); // apt-get put them there
        return 0;
      },
      (l) => log.push(l),
    );
    expect(code).toBe(0);
    expect(ran).toEqual(['apt-get update -q', 'apt-get install -y -q ffmpeg', 'apt-get install -y -q --no-install-recommends libreoffice-calc']);
    expect(log).toEqual(['npm test: installing ffmpeg libreoffice-calc with apt-get (the tests run them)']);
  });

  it('stops at the first failing apt-get, with one line, and fails', () => {
    const ran: string[] = [];
    const log: string[] = [];
    const code = preflight(host(['nginx'], { isRoot: true }), (c) => (ran.push(c.join(' ')), c.includes('update') ? 100 : 0), (l) => log.push(l));
    expect(code).toBe(1);
    expect(ran).toEqual(['apt-get update -q']);
    expect(log[1]).toBe('npm test: `apt-get update -q` failed (exit 100); install nginx and run npm test again');
  });

  it('fails when apt-get succeeds but the program is still not where the tests look', () => {
    const log: string[] = [];
    expect(preflight(host(['chromium'], { isRoot: true }), () => 0, (l) => log.push(l))).toBe(1);
    expect(log.at(-1)).toBe('npm test: still missing after apt-get: chromium');
  });

  it('without root or sudo runs nothing and fails with the one line', () => {
    const log: string[] = [];
    expect(preflight(host(['openssl']), () => { throw new Error('must not run'); }, (l) => log.push(l))).toBe(1);
    expect(log).toEqual(['npm test: missing openssl; run: sudo apt-get update && sudo apt-get install -y openssl']);
  });

  it('finds on this machine what the tests use here (CI installs all six)', () => {
    // The real checks against the real machine: the suite that runs this test just ran them.
    for (const pkg of ALL) expect(presentOnThisMachine(pkg), pkg).toBe(true);
    expect(presentOnThisMachine('no-such-program-plek')).toBe(false);
  });
});
