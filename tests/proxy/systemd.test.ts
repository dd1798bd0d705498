import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// A cheap check of the shipped unit where systemd's own tools are at hand; the unit is not
// needed to run Plek, so a machine without them skips it.
const analyze = spawnSync('sh', ['-c', 'command -v systemd-analyze'], { encoding: 'utf8' }).stdout.trim();

describe('deploy/systemd/plek.service', () => {
  it.skipIf(!analyze)('systemd-analyze verify accepts it without a warning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plek-unit-'));
    try {
      // verify checks that ExecStart's program exists: use this machine's node.
      const unit = readFileSync(join(import.meta.dirname, '../../deploy/systemd/plek.service'), 'utf8');
      expect(unit).toContain('ExecStart=/usr/bin/node ');
      writeFileSync(join(dir, 'plek.service'), unit.replace('ExecStart=/usr/bin/node ', `ExecStart=${process.execPath} `));
      const result = spawnSync(analyze, ['verify', join(dir, 'plek.service')], { encoding: 'utf8' });
      expect({ status: result.status, stderr: result.stderr.trim() }).toEqual({ status: 0, stderr: '' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
