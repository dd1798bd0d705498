import { parse } from 'csv-parse/sync';
import { DomainError } from '../../shared/errors.js';
import { createSpaceBody } from '../../shared/schemas.js';
import { spaceFeatures, type SpaceFeature } from '../../shared/types.js';
import type { AuditStore } from '../audit/audit.store.js';
import type { CatalogueStore } from '../catalogue/catalogue.store.js';
import type { Clock } from '../clock.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import type { Actor } from '../domain.js';
import { randomSecret } from '../security.js';
import { restoreCell, toCsv } from '../csv.js';

interface Deps {
  /** Opens the transaction, or a savepoint inside the route's unit of work. */
  uow: UnitOfWork;
  catalogue: CatalogueStore;
  audit: AuditStore;
  clock: Clock;
}

export const SPACE_CSV_COLUMNS = ['code', 'name', 'kind', 'zone', 'capacity', 'features'] as const;

export interface RowVerdict {
  line: number;
  code: string;
  ok: boolean;
  errors: string[];
}

/**
 * Spaces as CSV (code, name, kind, zone, capacity, features separated by ";"). An import is
 * checked row by row first; it writes only when every row is good, in one transaction.
 */
export function createSpaceCsvService(d: Deps) {
  function location(id: number) {
    const l = d.catalogue.location(id);
    if (!l) throw new DomainError('not_found', 'no such location');
    return l;
  }

  function check(locationId: number, csv: string) {
    let records: Record<string, string>[];
    try {
      records = parse(csv, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true, relax_column_count: false, cast: (value: string) => restoreCell(value) });
    } catch (err) {
      throw new DomainError('invalid_input', `not readable as CSV: ${err instanceof Error ? err.message : String(err)}`);
    }
    const zones = new Map(d.catalogue.zones(locationId).map((z) => [z.name.toLowerCase(), z.id]));
    const seen = new Set<string>();
    const rows = records.map((r, i) => {
      const errors: string[] = [];
      const features = (r.features ?? '').split(/[;|]/).map((f) => f.trim()).filter(Boolean);
      for (const f of features) if (!spaceFeatures.includes(f as SpaceFeature)) errors.push(`unknown feature "${f}"`);
      const zoneId = r.zone ? zones.get(r.zone.toLowerCase()) : undefined;
      if (r.zone && zoneId === undefined) errors.push(`unknown zone "${r.zone}"`);
      const candidate = { code: r.code ?? '', name: r.name ?? '', kind: r.kind ?? '', ...(zoneId ? { zoneId } : {}), ...(r.capacity ? { capacity: Number(r.capacity) } : {}), features: features.filter((f) => spaceFeatures.includes(f as SpaceFeature)) };
      const parsed = createSpaceBody.safeParse(candidate);
      if (!parsed.success) for (const issue of parsed.error.issues) errors.push(`${issue.path.join('.') || 'row'}: ${issue.message}`);
      const code = r.code ?? '';
      if (seen.has(code)) errors.push('code appears twice in the file');
      else if (code && d.catalogue.spaceByCode(code)) errors.push('a space with this code exists');
      seen.add(code);
      // Line 1 is the header.
      return { verdict: { line: i + 2, code, ok: errors.length === 0, errors } as RowVerdict, value: parsed.success ? parsed.data : null };
    });
    return rows;
  }

  return {
    /** The preview: every row with what is wrong with it; nothing is written. */
    preview(locationId: number, csv: string): { valid: boolean; rows: RowVerdict[] } {
      location(locationId);
      const rows = check(locationId, csv).map((r) => r.verdict);
      return { valid: rows.length > 0 && rows.every((r) => r.ok), rows };
    },

    import(actor: Actor, locationId: number, csv: string, origin: string | null): { created: number } {
      location(locationId);
      const rows = check(locationId, csv);
      if (rows.length === 0 || rows.some((r) => !r.verdict.ok)) {
        throw new DomainError('invalid_input', 'the file has bad rows; nothing was imported', { rows: rows.map((r) => r.verdict).filter((v) => !v.ok) });
      }
      const now = d.clock.now();
      d.uow.run(() => {
        for (const { value } of rows) {
          const v = value!;
          d.catalogue.insertSpace({ locationId, zoneId: v.zoneId ?? null, code: v.code, name: v.name, kind: v.kind, capacity: v.capacity ?? 1, features: [...new Set(v.features ?? [])], key: randomSecret(16) }, now);
        }
        d.audit.record({ actor: `u:${actor.id}`, action: 'admin.space.import', object: `location:${locationId}`, result: 'ok', origin, details: { created: rows.length } }, now);
      });
      return { created: rows.length };
    },

    export(locationId: number): string {
      location(locationId);
      const zones = new Map(d.catalogue.zones(locationId).map((z) => [z.id, z.name]));
      const rows = d.catalogue.spaces(locationId).map((s) => [s.code, s.name, s.kind, s.zoneId === null ? '' : zones.get(s.zoneId) ?? '', s.capacity, s.features.join(';')]);
      return toCsv(rows, SPACE_CSV_COLUMNS);
    },
  };
}

export type SpaceCsvService = ReturnType<typeof createSpaceCsvService>;
