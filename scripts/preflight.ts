/**
 * Runs before the tests (`npm test`): the suite drives real software, and on a bare machine
 * every browser, proxy, Calc and calendar test would fail one by one with a confusing error.
 * This checks for each program first. When some are missing and apt-get can be run (as root, or
 * with passwordless sudo) it installs them, as .ci/run does; otherwise it prints one line that
 * names exactly what to install, and stops.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Requirement {
  /** What the tests run, as a person would recognise it. */
  what: string;
  /** The Debian package that provides it. */
  pkg: string;
  /**
   * Installed without recommends: LibreOffice's recommends are a desktop's worth (fonts, Java,
   * help), the tests only run Calc headless; python3-icalendar and prometheus (whose recommends
   * are exporters the tests do not use) need none either.
   */
  lean: boolean;
}

export const REQUIREMENTS: Requirement[] = [
  { what: '/usr/bin/chromium', pkg: 'chromium', lean: false },
  { what: 'ffmpeg', pkg: 'ffmpeg', lean: false },
  { what: '/usr/sbin/nginx', pkg: 'nginx', lean: false },
  { what: 'openssl', pkg: 'openssl', lean: false },
  { what: 'soffice (LibreOffice Calc)', pkg: 'libreoffice-calc', lean: true },
  { what: '/usr/bin/python3 with icalendar', pkg: 'python3-icalendar', lean: true },
  { what: '/usr/bin/prometheus', pkg: 'prometheus', lean: true },
];

export interface Host {
  /** Whether the program behind a package is there. */
  present(pkg: string): boolean;
  isRoot: boolean;
  /** sudo that asks no password. */
  sudo: boolean;
  apt: boolean;
}

export type Decision =
  | { kind: 'ready' }
  | { kind: 'install'; packages: string[]; commands: string[][] }
  | { kind: 'explain'; packages: string[]; line: string };

/** The apt-get commands that install `missing`: one update, then the full and the lean installs. */
export function installCommands(missing: Requirement[], sudo: boolean): string[][] {
  const prefix = sudo ? ['sudo', '-n'] : [];
  const full = missing.filter((r) => !r.lean).map((r) => r.pkg);
  const lean = missing.filter((r) => r.lean).map((r) => r.pkg);
  return [
    [...prefix, 'apt-get', 'update', '-q'],
    ...(full.length > 0 ? [[...prefix, 'apt-get', 'install', '-y', '-q', ...full]] : []),
    ...(lean.length > 0 ? [[...prefix, 'apt-get', 'install', '-y', '-q', '--no-install-recommends', ...lean]] : []),
  ];
}

/** What to do about the programs `host` lacks. */
export function decide(host: Host, requirements = REQUIREMENTS): Decision {
  const missing = requirements.filter((r) => !host.present(r.pkg));
  const packages = missing.map((r) => r.pkg);
  if (missing.length === 0) return { kind: 'ready' };
  if (host.apt && (host.isRoot || host.sudo)) return { kind: 'install', packages, commands: installCommands(missing, !host.isRoot) };
  // The commands as the person types them, with sudo: they are not root, or this is no root shell.
  const typed = installCommands(missing, !host.isRoot).slice(1).map((c) => c.filter((w) => w !== '-n' && w !== '-q').join(' '));
  const how = host.apt ? `run: ${host.isRoot ? '' : 'sudo '}apt-get update && ${typed.join(' && ')}` : `install the Debian packages ${packages.join(' ')} or their equivalents`;
  return {
    kind: 'explain',
    packages,
    line: `npm test: missing ${missing.map((r) => r.what).join(', ')}; ${how}`,
  };
}

function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function executable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The checks the tests themselves make: the same paths, the same PATH lookups. */
export function presentOnThisMachine(pkg: string): boolean {
  switch (pkg) {
    case 'chromium':
      return executable('/usr/bin/chromium');
    case 'nginx':
      return executable('/usr/sbin/nginx') || onPath('nginx');
    case 'libreoffice-calc':
      return onPath('soffice');
    case 'prometheus':
      return executable('/usr/bin/prometheus'); // the path tests/ops/prometheus.test.ts runs
    case 'python3-icalendar':
      return spawnSync('/usr/bin/python3', ['-c', 'import icalendar'], { stdio: 'ignore' }).status === 0;
    default:
      return onPath(pkg); // ffmpeg, openssl: the command has the package's name
  }
}

export function thisHost(): Host {
  return {
    present: presentOnThisMachine,
    isRoot: process.getuid?.() === 0,
    sudo: onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0,
    apt: onPath('apt-get'),
  };
}

/** Checks, installs when it may, and returns the exit code: 0 when everything is there. */
export function preflight(host: Host, run: (command: string[]) => number, log: (line: string) => void): number {
  const decision = decide(host);
  if (decision.kind === 'ready') return 0;
  if (decision.kind === 'explain') {
    log(decision.line);
    return 1;
  }
  log(`npm test: installing ${decision.packages.join(' ')} with apt-get (the tests run them)`);
  for (const command of decision.commands) {
    const code = run(command);
    if (code !== 0) {
      log(`npm test: \`${command.join(' ')}\` failed (exit ${code}); install ${decision.packages.join(' ')} and run npm test again`);
      return 1;
    }
  }
  // apt-get said yes; the programs must now be where the tests look for them.
  const still = decide(host);
  if (still.kind === 'ready') return 0;
  log(`npm test: still missing after apt-get: ${still.packages.join(' ')}`);
  return 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const run = (command: string[]) =>
    spawnSync(command[0]!, command.slice(1), { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status ?? 1;
  process.exitCode = preflight(thisHost(), run, (line) => console.error(line));
}
