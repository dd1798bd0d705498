import { createResource, createSignal, For, Show } from 'solid-js';
import { MAX_CSV_BYTES, type CsvPreviewDto as CsvPreview, type CsvRowReason, type CsvRowStatus, type LocationDto, type SpaceCsvField, type SpaceDto, type ZoneDto } from '../../shared/api.js';
import { apiUrls, type ApiResult } from '../../shared/api-client.js';
import { daysOfWeek, locationKinds, spaceFeatures, spaceKinds, weekdays, zoneCharacters, type LocationKind, type Policy, type SpaceFeature, type SpaceKind, type ZoneCharacter } from '../../shared/types.js';
import { lang, t, te } from '../../client/i18n.js';
import { api, locations, sync } from '../state.js';
import { createLocationChoice, LocationSelect, ManageNav, NoticeBox, type Notice } from '../ui.js';
import { Field } from '../../client/field.js';


const form = (e: SubmitEvent) => {
  e.preventDefault();
  return new FormData(e.currentTarget as HTMLFormElement);
};
const str = (f: FormData, k: string) => String(f.get(k) ?? '').trim();
const num = (f: FormData, k: string) => (str(f, k) === '' ? undefined : Number(str(f, k)));

/** Facility: locations, zones, spaces, their policy and the CSV import, for one location at a time. */
export default function Buildings() {
  const [locationId, setLocationId] = createLocationChoice();
  const [notice, setNotice] = createSignal<Notice | null>(null);
  const [data, { refetch }] = createResource(locationId, async (id) => {
    if (!id) return null;
    const [zones, spaces] = await Promise.all([api.zones(id), api.spaces(id)]);
    return zones.ok && spaces.ok ? { zones: zones.data, spaces: spaces.data } : null;
  });
  const location = () => locations()?.data.find((l) => l.id === locationId());

  /** Every change reports in the notice region and reloads what it changed. */
  async function done(res: ApiResult<unknown>, okText: string, reloadLocations = false): Promise<boolean> {
    setNotice(res.ok ? { tone: 'ok', text: okText } : { tone: 'error', text: `${te(res.code)}${res.code === 'invalid_input' || res.code === 'invalid_policy' ? ` (${res.message})` : ''}` });
    if (res.ok) {
      if (reloadLocations) await sync();
      void refetch();
    }
    return res.ok;
  }

  const createLocation = async (e: SubmitEvent) => {
    const f = form(e);
    const res = await api.createLocation({ name: str(f, 'name'), kind: str(f, 'kind') as LocationKind });
    if (await done(res, t('manage.saved'), true)) {
      (e.target as HTMLFormElement).reset();
      if (res.ok) setLocationId(res.data.id);
    }
  };
  const editLocation = async (e: SubmitEvent) => {
    const f = form(e);
    await done(await api.updateLocation(locationId(), { name: str(f, 'name'), kind: str(f, 'kind') as LocationKind }), t('manage.saved'), true);
  };
  const retireLocation = async () => {
    if (!confirm(t('manage.confirmRetire', { name: location()?.name ?? '' }))) return;
    const res = await api.retireLocation(locationId());
    if (await done(res, res.ok ? t('manage.retired', { n: res.data.cancelled }) : '', true)) setLocationId(locations()?.data[0]?.id ?? 0);
  };

  return (
    <section>
      <h1>{t('buildings.title')}</h1>
      <ManageNav />
      <NoticeBox notice={notice()} />
      <LocationSelect value={locationId()} onChange={setLocationId} />

      <Show when={location()}>
        {(l) => (
          <>
            <h2>{t('buildings.location')}</h2>
            <form class="stack card" onSubmit={editLocation} data-testid="location-form">
              <Field label={t('manage.name')}>
                <input name="name" required maxlength="200" value={l().name} />
              </Field>
              <KindSelect value={l().kind} />
              <div class="actions">
                <button type="submit" class="button primary">
                  {t('manage.save')}
                </button>
                <button type="button" class="button" onClick={retireLocation}>
                  {t('manage.retireNamed', { name: l().name })}
                </button>
              </div>
            </form>
            <PolicyForm location={l()} onSave={(patch) => api.setPolicy(l().id, patch).then((r) => done(r, t('manage.saved'), true))} />
          </>
        )}
      </Show>

      <h2>{t('buildings.zones')}</h2>
      <ul class="list">
        <For each={data()?.zones ?? []}>
          {(z) => (
            <li>
              <ZoneEditor zone={z} onDone={done} />
            </li>
          )}
        </For>
      </ul>
      <form
        class="stack card"
        onSubmit={async (e) => {
          const f = form(e);
          const body = { name: str(f, 'name'), character: str(f, 'character') as ZoneCharacter, ...(num(f, 'floor') === undefined ? {} : { floor: num(f, 'floor') }) };
          if (await done(await api.createZone(locationId(), body), t('manage.saved'))) (e.target as HTMLFormElement).reset();
        }}
      >
        <h3>{t('buildings.newZone')}</h3>
        <ZoneFields />
        <button type="submit" class="button primary">
          {t('buildings.addZone')}
        </button>
      </form>

      <h2>{t('buildings.spaces')}</h2>
      <ul class="list" data-testid="spaces">
        <For each={data()?.spaces ?? []}>
          {(sp) => (
            <li>
              <SpaceEditor space={sp} zones={data()?.zones ?? []} onDone={done} />
            </li>
          )}
        </For>
      </ul>
      <form
        class="stack card"
        onSubmit={async (e) => {
          const f = form(e);
          const zoneId = num(f, 'zoneId');
          const body = { code: str(f, 'code').toUpperCase(), name: str(f, 'name'), kind: str(f, 'kind') as SpaceKind, capacity: num(f, 'capacity') ?? 1, features: f.getAll('features').map(String) as SpaceFeature[], ...(zoneId ? { zoneId } : {}) };
          if (await done(await api.createSpace(locationId(), body), t('manage.saved'))) (e.target as HTMLFormElement).reset();
        }}
      >
        <h3>{t('buildings.newSpace')}</h3>
        <Field label={t('buildings.code')}>
          <input name="code" required pattern="[A-Za-z0-9][A-Za-z0-9\-]{1,31}" autocomplete="off" />
        </Field>
        <SpaceFields zones={data()?.zones ?? []} />
        <button type="submit" class="button primary">
          {t('buildings.addSpace')}
        </button>
      </form>

      <CsvImport locationId={locationId()} onImported={() => void refetch()} />
      <p>
        <a class="button" href={apiUrls.spacesCsv(locationId(), lang())} download="">
          {t('buildings.export')}
        </a>
      </p>

      <h2>{t('buildings.newLocation')}</h2>
      <form class="stack card" onSubmit={createLocation}>
        <Field label={t('manage.name')}>
          <input name="name" required maxlength="200" />
        </Field>
        <KindSelect value="hub" />
        <button type="submit" class="button primary">
          {t('buildings.addLocation')}
        </button>
      </form>
    </section>
  );
}

function KindSelect(props: { value: string }) {
  return (
    <Field label={t('buildings.locationKind')}>
      <select name="kind" value={props.value}>
        <For each={locationKinds}>{(k) => <option value={k}>{t(`locationKind.${k}`)}</option>}</For>
      </select>
    </Field>
  );
}

function ZoneFields(props: { zone?: ZoneDto }) {
  return (
    <>
      <Field label={t('manage.name')}>
        <input name="name" required maxlength="100" value={props.zone?.name ?? ''} />
      </Field>
      <Field label={t('buildings.character')}>
        <select name="character" value={props.zone?.character ?? 'gemengd'}>
          <For each={zoneCharacters}>{(c) => <option value={c}>{t(`character.${c}`)}</option>}</For>
        </select>
      </Field>
      <Field label={t('buildings.floor')}>
        <input name="floor" type="number" min="-5" max="200" inputmode="numeric" value={props.zone?.floor ?? ''} />
      </Field>
    </>
  );
}

type Done = (res: ApiResult<unknown>, okText: string) => Promise<boolean>;

/** An editor's buttons: save the form, or retire the thing after a confirmation. */
function SaveOrRetire(props: { name: string; retire: () => Promise<ApiResult<{ cancelled: number }>>; onDone: Done }) {
  const retire = async () => {
    if (!confirm(t('manage.confirmRetire', { name: props.name }))) return;
    const res = await props.retire();
    await props.onDone(res, res.ok ? t('manage.retired', { n: res.data.cancelled }) : '');
  };
  return (
    <div class="actions">
      <button type="submit" class="button primary">
        {t('manage.save')}
      </button>
      <button type="button" class="button" onClick={retire}>
        {t('manage.retireNamed', { name: props.name })}
      </button>
    </div>
  );
}

function ZoneEditor(props: { zone: ZoneDto; onDone: Done }) {
  const z = () => props.zone;
  return (
    <details class="card">
      <summary>
        {z().name} · {t(`character.${z().character}`)}
        {z().floor === null ? '' : ` · ${t('buildings.floorN', { n: z().floor! })}`}
      </summary>
      <form
        class="stack"
        onSubmit={async (e) => {
          const f = form(e);
          await props.onDone(
            await api.updateZone(z().id, { name: str(f, 'name'), character: str(f, 'character') as ZoneCharacter, floor: num(f, 'floor') ?? null }),
            t('manage.saved'),
          );
        }}
      >
        <ZoneFields zone={z()} />
        <SaveOrRetire name={z().name} retire={() => api.retireZone(z().id)} onDone={props.onDone} />
      </form>
    </details>
  );
}

function SpaceFields(props: { space?: SpaceDto; zones: ZoneDto[] }) {
  return (
    <>
      <Field label={t('manage.name')}>
        <input name="name" required maxlength="200" value={props.space?.name ?? ''} />
      </Field>
      <Field label={t('buildings.kind')}>
        <select name="kind" value={props.space?.kind ?? 'desk'}>
          <For each={spaceKinds}>{(k) => <option value={k}>{t(`kind.${k}`)}</option>}</For>
        </select>
      </Field>
      <Field label={t('buildings.zone')}>
        <select name="zoneId" value={props.space?.zoneId ?? ''}>
          <option value="">{t('buildings.noZone')}</option>
          <For each={props.zones}>{(z) => <option value={z.id}>{z.name}</option>}</For>
        </select>
      </Field>
      <Field label={t('buildings.capacity')}>
        <input name="capacity" type="number" min="1" max="1000" inputmode="numeric" required value={props.space?.capacity ?? 1} />
      </Field>
      <fieldset class="checks">
        <legend>{t('buildings.features')}</legend>
        <For each={spaceFeatures}>
          {(f) => (
            <label>
              <input type="checkbox" name="features" value={f} checked={props.space?.features.includes(f) ?? false} />
              {t(`feature.${f}`)}
            </label>
          )}
        </For>
      </fieldset>
    </>
  );
}

function SpaceEditor(props: { space: SpaceDto; zones: ZoneDto[]; onDone: Done }) {
  const sp = () => props.space;
  return (
    <details class="card">
      <summary>
        {sp().code} · {sp().name} · {t(`kind.${sp().kind}`)}
      </summary>
      <form
        class="stack"
        onSubmit={async (e) => {
          const f = form(e);
          const body = { name: str(f, 'name'), kind: str(f, 'kind') as SpaceKind, zoneId: num(f, 'zoneId') ?? null, capacity: num(f, 'capacity') ?? 1, features: f.getAll('features').map(String) as SpaceFeature[] };
          await props.onDone(await api.updateSpace(sp().id, body), t('manage.saved'));
        }}
      >
        <SpaceFields space={sp()} zones={props.zones} />
        <SaveOrRetire name={sp().code} retire={() => api.retireSpace(sp().id)} onDone={props.onDone} />
      </form>
    </details>
  );
}

/** The policy of a location as a form: only what changed is sent. */
function PolicyForm(props: { location: LocationDto; onSave: (patch: Record<string, unknown>) => Promise<unknown> }) {
  const p = () => props.location.policy;
  const save = (e: SubmitEvent) => {
    const f = form(e);
    const n = (k: string) => Number(str(f, k));
    const patch = {
      checkInOpensMinutes: n('checkInOpensMinutes'),
      daysAhead: n('daysAhead'),
      maxPerDay: n('maxPerDay'),
      maxAhead: n('maxAhead'),
      offlineCheckInMaxHours: n('offlineCheckInMaxHours'),
      guestRetentionDays: n('guestRetentionDays'),
      teamHoldReleaseTime: str(f, 'teamHoldReleaseTime'),
      graceMinutes: Object.fromEntries(spaceKinds.map((k) => [k, n(`grace.${k}`)])),
      dayParts: Object.fromEntries((['morning', 'afternoon', 'day'] as const).map((d) => [d, { start: str(f, `${d}.start`), end: str(f, `${d}.end`) }])),
      softCapPercent: Object.fromEntries(weekdays.map((d) => [d, str(f, `cap.${d}`) === '' ? null : n(`cap.${d}`)])),
      closedOnHolidays: f.get('closedOnHolidays') === 'on',
      openDays: daysOfWeek.filter((d) => f.get(`open.${d}`) === 'on'),
    };
    void props.onSave(patch);
  };
  const numberField = (name: string, label: string, value: number, min: number, max: number) => (
    <Field label={label}>
      <input name={name} type="number" min={min} max={max} inputmode="numeric" required value={value} />
    </Field>
  );
  return (
    <details class="card" data-testid="policy">
      <summary>{t('policy.title')}</summary>
      <form class="stack" onSubmit={save}>
        {numberField('checkInOpensMinutes', t('policy.checkInOpens'), p().checkInOpensMinutes, 0, 1440)}
        <fieldset class="checks">
          <legend>{t('policy.grace')}</legend>
          <For each={spaceKinds}>{(k) => numberField(`grace.${k}`, t(`kind.${k}`), p().graceMinutes[k], 0, 1440)}</For>
        </fieldset>
        {numberField('daysAhead', t('policy.daysAhead'), p().daysAhead, 0, 365)}
        {numberField('maxPerDay', t('policy.maxPerDay'), p().maxPerDay, 1, 10)}
        {numberField('maxAhead', t('policy.maxAhead'), p().maxAhead, 1, 500)}
        <label class="check">
          <input name="closedOnHolidays" type="checkbox" checked={p().closedOnHolidays} />
          <span>{t('policy.closedOnHolidays')}</span>
        </label>
        <fieldset class="checks">
          <legend>{t('policy.openDays')}</legend>
          <For each={daysOfWeek}>
            {(d) => (
              <label class="check">
                <input name={`open.${d}`} type="checkbox" checked={p().openDays.includes(d)} />
                <span>{t(`weekday.${d}`)}</span>
              </label>
            )}
          </For>
        </fieldset>
        <fieldset class="checks">
          <legend>{t('policy.dayParts')}</legend>
          <For each={['morning', 'afternoon', 'day'] as const}>
            {(d) => (
              <>
                <Field label={t('policy.partStart', { part: t(`part.${d}`) })}>
                  <input name={`${d}.start`} type="time" required value={p().dayParts[d].start} />
                </Field>
                <Field label={t('policy.partEnd', { part: t(`part.${d}`) })}>
                  <input name={`${d}.end`} type="time" required value={p().dayParts[d].end} />
                </Field>
              </>
            )}
          </For>
        </fieldset>
        {numberField('offlineCheckInMaxHours', t('policy.offlineHours'), p().offlineCheckInMaxHours, 0, 336)}
        {numberField('guestRetentionDays', t('policy.guestRetention'), p().guestRetentionDays, 1, 365)}
        <Field label={t('policy.holdRelease')}>
          <input name="teamHoldReleaseTime" type="time" required value={p().teamHoldReleaseTime} />
        </Field>
        <fieldset class="checks">
          <legend>{t('policy.softCap')}</legend>
          <For each={weekdays}>
            {(d) => (
              <Field label={t(`weekday.${d}`)}>
                <input name={`cap.${d}`} type="number" min="1" max="100" inputmode="numeric" value={(p().softCapPercent as Policy['softCapPercent'])[d] ?? ''} />
              </Field>
            )}
          </For>
        </fieldset>
        <button type="submit" class="button primary">
          {t('policy.save')}
        </button>
      </form>
    </details>
  );
}

/** A file as base64, so its bytes (and so its encoding) reach the server as they are on disk. */
const readAsBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

const statusShape: Record<CsvRowStatus, string> = { new: '+', changed: '✎', unchanged: '=', error: '✕' };
const encodingName = { 'utf-8': 'UTF-8', 'windows-1252': 'Windows-1252', 'utf-16le': 'UTF-16' } as const;

/** A field's value as the preview shows it: kinds and features in the words of the app's language. */
function csvValue(field: SpaceCsvField, value: string): string {
  if (value === '') return t('csv.empty');
  if (field === 'kind') return t(`kind.${value as SpaceKind}`);
  if (field === 'features') return value.split(',').map((f) => t(`feature.${f as SpaceFeature}`)).join(', ');
  return value;
}

/** Why a row has its status, in the app's language. */
function csvReason(r: CsvRowReason): string {
  switch (r.reason) {
    case 'changed':
      return t('csv.reason.changed', { field: t(`csv.field.${r.field}`), from: csvValue(r.field, r.from), to: csvValue(r.field, r.to) });
    case 'unknown_kind':
    case 'unknown_feature':
    case 'unknown_zone':
      return t(`csv.reason.${r.reason}`, { value: r.value });
    case 'column_count':
      return t('csv.reason.column_count', { found: r.found, expected: r.expected });
    default:
      return t(`csv.reason.${r.reason}`);
  }
}

/**
 * Spaces from CSV: first a preview of every row (new, changed, unchanged or error, and why),
 * then the import; nothing is written while any row is bad. A chosen file goes as its bytes, so
 * the server can tell Excel's Windows-1252 from UTF-8; pasted text goes as text.
 */
function CsvImport(props: { locationId: number; onImported: () => void }) {
  const [content, setContent] = createSignal<{ csv: string } | { file: string } | null>(null);
  const [text, setText] = createSignal('');
  const [preview, setPreview] = createSignal<CsvPreview | null>(null);
  const [result, setResult] = createSignal<Notice | null>(null);
  let fileInput: HTMLInputElement | undefined;
  const chooseFile = async (file: File | undefined) => {
    setPreview(null);
    setResult(null);
    setText('');
    if (!file) return setContent(null);
    if (file.size > MAX_CSV_BYTES) {
      setContent(null);
      return setResult({ tone: 'error', text: te('csv_too_large') });
    }
    setContent({ file: await readAsBase64(file) });
  };
  const type = (value: string) => {
    setText(value);
    setPreview(null);
    if (fileInput) fileInput.value = '';
    setContent(value.trim() === '' ? null : { csv: value });
  };
  const check = async () => {
    setResult(null);
    const body = content();
    if (!body) return;
    const res = await api.importSpaces(props.locationId, body, true);
    if (res.ok) setPreview(res.data);
    else setResult({ tone: 'error', text: te(res.code === 'payload_too_large' ? 'csv_too_large' : res.code) });
  };
  const commit = async () => {
    const body = content();
    if (!body) return;
    const res = await api.importSpaces(props.locationId, body, false);
    setResult(res.ok ? { tone: 'ok', text: t('csv.imported', { ...res.data }) } : { tone: 'error', text: te(res.code) });
    if (res.ok) {
      setPreview(null);
      props.onImported();
    }
  };
  return (
    <div class="card stack csv-import" data-testid="csv-import">
      <h2>{t('csv.title')}</h2>
      <p class="muted">{t('csv.hint')}</p>
      <Field label={t('csv.file')}>
        <input type="file" accept=".csv,text/csv" ref={fileInput} onChange={(e) => void chooseFile(e.currentTarget.files?.[0])} />
      </Field>
      <Field label={t('csv.text')}>
        <textarea name="csv" rows="5" value={text()} onInput={(e) => type(e.currentTarget.value)} />
      </Field>
      <div class="actions">
        <button type="button" class="button" disabled={content() === null} onClick={check}>
          {t('csv.check')}
        </button>
        <button type="button" class="button primary" disabled={!preview()?.valid} onClick={commit}>
          {t('csv.import')}
        </button>
      </div>
      <NoticeBox notice={result()} />
      <Show when={preview()}>
        {(p) => (
          <div class="table-wrap" tabindex="0" role="region" aria-label={t('csv.preview')}>
            <p role="status">
              {p().valid ? t('csv.allGood', { n: p().rows.length, ...p().counts }) : t('csv.bad', { n: p().counts.error })}{' '}
              {t('csv.read', { encoding: encodingName[p().encoding], delimiter: p().delimiter === '\t' ? 'tab' : `"${p().delimiter}"` })}
            </p>
            <table class="csv-preview">
              <caption>{t('csv.preview')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('csv.line')}</th>
                  <th scope="col">{t('buildings.code')}</th>
                  <th scope="col">{t('csv.problems')}</th>
                </tr>
              </thead>
              <tbody>
                <For each={p().rows}>
                  {(r) => (
                    <tr data-status={r.status}>
                      <td>{r.line}</td>
                      <td>{r.code}</td>
                      <td>
                        <span class={`badge badge-csv-${r.status}`}>
                          <span aria-hidden="true">{statusShape[r.status]}</span> {t(`csv.status.${r.status}`)}
                        </span>
                        {/* Why, under the status: a phone has no room for a fourth column. */}
                        <Show when={r.reasons.length > 0}>
                          <ul class="csv-why">
                            <For each={r.reasons}>{(reason) => <li>{csvReason(reason)}</li>}</For>
                          </ul>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        )}
      </Show>
    </div>
  );
}
