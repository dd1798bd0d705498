import { MAX_CSV_BYTES, type CsvImportDto, type CsvPreviewDto, type CsvRowReason, type CsvRowStatus, type CsvRowVerdict, type SpaceCsvField } from '../../shared/api.js';
import { DomainError } from '../../shared/errors.js';
import { languages, translate, type Language } from '../../shared/i18n-all.js';
import { createSpaceBody } from '../../shared/schemas.js';
import { spaceFeatures, spaceKinds, type SpaceFeature, type SpaceKind } from '../../shared/types.js';
import type { AuditStore } from '../audit/audit.store.js';
import type { CatalogueStore } from '../catalogue/catalogue.store.js';
import type { Clock } from '../clock.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import type { Actor } from '../domain.js';
import { randomSecret } from '../security.js';
import { decodeCsv, readCsv, toCsv, type CsvEncoding } from '../csv.js';

interface Deps {
  /** Opens the transaction, or a savepoint inside the route's unit of work. */
  uow: UnitOfWork;
  catalogue: CatalogueStore;
  audit: AuditStore;
  clock: Clock;
}

const FIELDS: readonly SpaceCsvField[] = ['code', 'name', 'kind', 'zone', 'capacity', 'features'];
const REQUIRED: readonly SpaceCsvField[] = ['code', 'name', 'kind'];

/** A spaces CSV as pasted text, or a file's bytes whose encoding is still to be found. */
export type SpaceCsvInput = { csv: string } | { file: Uint8Array };

/** Every language's word for a thing, lowercased, to what it stands for: a file may come in either. */
function vocabulary<T extends string>(values: readonly T[], key: (v: T) => Parameters<typeof translate>[1]): Map<string, T> {
  const map = new Map<string, T>();
  for (const v of values) {
    map.set(v.toLowerCase(), v);
    for (const lang of languages) map.set(translate(lang, key(v)).toLowerCase(), v);
  }
  return map;
}
const headerWords = vocabulary(FIELDS, (f) => `csv.field.${f}`);
const kindWords = vocabulary(spaceKinds, (k) => `kind.${k}`);
const featureWords = vocabulary(spaceFeatures, (f) => `feature.${f}`);

/** The space a good row describes. */
interface RowValue {
  code: string;
  name: string;
  kind: SpaceKind;
  zoneId: number | null;
  capacity: number;
  features: SpaceFeature[];
}

const sameFeatures = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/**
 * Spaces as CSV the way Dutch Excel reads and saves it (see server/csv.ts): code, naam, soort,
 * zone, capaciteit, kenmerken, or the same in English. A file that comes back with known codes
 * updates those spaces, so an edited export can be imported again. Every row is checked first
 * and gets a status (new, changed, unchanged, error) with its reasons as codes the app words;
 * the import writes only when no row is an error, in one transaction.
 */
export function createSpaceCsvService(d: Deps) {
  function location(id: number) {
    const l = d.catalogue.location(id);
    if (!l) throw new DomainError('not_found', 'no such location');
    return l;
  }

  function text(input: SpaceCsvInput): { text: string; encoding: CsvEncoding } {
    const size = 'file' in input ? input.file.byteLength : Buffer.byteLength(input.csv, 'utf8');
    if (size > MAX_CSV_BYTES) throw new DomainError('csv_too_large', `the file is larger than ${MAX_CSV_BYTES / 1024} kB`, { limitBytes: MAX_CSV_BYTES });
    return 'file' in input ? decodeCsv(input.file) : { text: input.csv, encoding: 'utf-8' };
  }

  function check(locationId: number, input: SpaceCsvInput) {
    const { text: content, encoding } = text(input);
    const table = readCsv(content, new Set(headerWords.keys()));
    const column = new Map<SpaceCsvField, number>();
    table.header.forEach((h, i) => {
      const field = headerWords.get(h);
      if (field && !column.has(field)) column.set(field, i);
    });
    const missing = REQUIRED.filter((f) => !column.has(f));
    if (missing.length > 0) throw new DomainError('csv_columns_missing', `the first line must name the columns ${REQUIRED.join(', ')}`, { missing });

    const zones = d.catalogue.zones(locationId);
    const zoneByName = new Map(zones.map((z) => [z.name.toLowerCase(), z]));
    const zoneName = (id: number | null) => (id === null ? '' : zones.find((z) => z.id === id)?.name ?? d.catalogue.zone(id)?.name ?? '');
    const seen = new Set<string>();

    const rows = table.rows.map(({ line, cells }) => {
      const cell = (f: SpaceCsvField) => {
        const i = column.get(f);
        return i === undefined ? '' : (cells[i] ?? '');
      };
      const reasons: CsvRowReason[] = [];
      // Excel leaves out trailing empty cells now and then; extra filled cells are a shifted row.
      if (cells.slice(table.header.length).some((c) => c !== '')) reasons.push({ reason: 'column_count', found: cells.length, expected: table.header.length });
      // A character lost before it reached Plek (a file read with the wrong encoding) is never stored.
      if (cells.some((c) => c.includes('\ufffd'))) reasons.push({ reason: 'bad_character' });

      const code = cell('code');
      if (!createSpaceBody.shape.code.safeParse(code).success) reasons.push({ reason: 'bad_code' });
      const name = cell('name');
      if (name === '') reasons.push({ reason: 'no_name' });
      else if (!createSpaceBody.shape.name.safeParse(name).success) reasons.push({ reason: 'name_too_long' });
      const kindCell = cell('kind');
      const kind = kindWords.get(kindCell.toLowerCase());
      if (kindCell === '') reasons.push({ reason: 'no_kind' });
      else if (!kind) reasons.push({ reason: 'unknown_kind', value: kindCell });
      const zoneCell = cell('zone');
      const zone = zoneCell === '' ? null : zoneByName.get(zoneCell.toLowerCase());
      if (zone === undefined) reasons.push({ reason: 'unknown_zone', value: zoneCell });
      const capacityCell = cell('capacity');
      const capacity = capacityCell === '' ? 1 : /^\d+$/.test(capacityCell) ? Number(capacityCell) : NaN;
      if (!createSpaceBody.shape.capacity.safeParse(capacity).success) reasons.push({ reason: 'bad_capacity' });
      const features: SpaceFeature[] = [];
      for (const word of cell('features').split(/[;,|]/).map((f) => f.trim()).filter(Boolean)) {
        const feature = featureWords.get(word.toLowerCase());
        if (!feature) reasons.push({ reason: 'unknown_feature', value: word });
        else if (!features.includes(feature)) features.push(feature);
      }

      const existing = code ? d.catalogue.spaceByCode(code) : undefined;
      if (code && seen.has(code)) reasons.push({ reason: 'duplicate_code' });
      else if (existing && existing.locationId !== locationId) reasons.push({ reason: 'code_elsewhere' });
      else if (existing && !existing.active) reasons.push({ reason: 'retired' });
      seen.add(code);

      let status: CsvRowStatus = 'error';
      let value: RowValue | null = null;
      if (reasons.length === 0) {
        value = { code, name, kind: kind!, zoneId: zone?.id ?? null, capacity, features };
        if (!existing) status = 'new';
        else {
          const changes: CsvRowReason[] = [];
          const change = (field: Exclude<SpaceCsvField, 'code'>, from: string, to: string) => changes.push({ reason: 'changed', field, from, to });
          if (existing.name !== name) change('name', existing.name, name);
          if (existing.kind !== kind) change('kind', existing.kind, kind!);
          if (existing.zoneId !== value.zoneId) change('zone', zoneName(existing.zoneId), zone?.name ?? '');
          if (existing.capacity !== capacity) change('capacity', String(existing.capacity), String(capacity));
          if (!sameFeatures(existing.features, features)) change('features', existing.features.join(','), features.join(','));
          status = changes.length > 0 ? 'changed' : 'unchanged';
          reasons.push(...changes);
        }
      }
      const verdict: CsvRowVerdict = { line, code, status, reasons };
      return { verdict, value, existingId: existing?.id };
    });
    return { rows, encoding, delimiter: table.delimiter };
  }

  return {
    /** The preview: every row with its status and why; nothing is written. */
    preview(locationId: number, input: SpaceCsvInput): CsvPreviewDto {
      location(locationId);
      const { rows, encoding, delimiter } = check(locationId, input);
      const verdicts = rows.map((r) => r.verdict);
      const counts: Record<CsvRowStatus, number> = { new: 0, changed: 0, unchanged: 0, error: 0 };
      for (const v of verdicts) counts[v.status]++;
      return { valid: verdicts.length > 0 && counts.error === 0, encoding, delimiter, counts, rows: verdicts };
    },

    import(actor: Actor, locationId: number, input: SpaceCsvInput, origin: string | null): CsvImportDto {
      location(locationId);
      const { rows } = check(locationId, input);
      if (rows.length === 0 || rows.some((r) => r.verdict.status === 'error')) {
        throw new DomainError('invalid_input', 'the file has bad rows; nothing was imported', { rows: rows.map((r) => r.verdict).filter((v) => v.status === 'error') });
      }
      const now = d.clock.now();
      const done: CsvImportDto = { created: 0, updated: 0, unchanged: 0 };
      d.uow.run(() => {
        for (const { verdict, value, existingId } of rows) {
          const v = value!;
          if (verdict.status === 'new') {
            d.catalogue.insertSpace({ locationId, zoneId: v.zoneId, code: v.code, name: v.name, kind: v.kind, capacity: v.capacity, features: v.features, key: randomSecret(16) }, now);
            done.created++;
          } else if (verdict.status === 'changed') {
            d.catalogue.updateSpace(existingId!, { name: v.name, kind: v.kind, zoneId: v.zoneId, capacity: v.capacity, features: v.features });
            done.updated++;
          } else done.unchanged++;
        }
        d.audit.record({ actor: `u:${actor.id}`, action: 'admin.space.import', object: `location:${locationId}`, result: 'ok', origin, details: { ...done } }, now);
      });
      return done;
    },

    /** The location's spaces in the words of `lang`; an import reads them back unchanged. */
    export(locationId: number, lang: Language): string {
      location(locationId);
      const zones = new Map(d.catalogue.zones(locationId).map((z) => [z.id, z.name]));
      const rows = d.catalogue.spaces(locationId).map((s) => [
        s.code,
        s.name,
        translate(lang, `kind.${s.kind}`),
        s.zoneId === null ? '' : zones.get(s.zoneId) ?? '',
        s.capacity,
        s.features.map((f) => translate(lang, `feature.${f}`)).join(', '),
      ]);
      return toCsv(rows, FIELDS.map((f) => translate(lang, `csv.field.${f}`)));
    },
  };
}

export type SpaceCsvService = ReturnType<typeof createSpaceCsvService>;
