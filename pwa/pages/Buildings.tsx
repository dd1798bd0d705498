import { createResource, createSignal, createUniqueId, For, Index, Show } from 'solid-js';
import { MAX_CSV_BYTES, type CsvPreviewDto as CsvPreview, type CsvRowReason, type CsvRowStatus, type LocationDto, type SpaceCsvField, type SpaceDto, type ZoneDto } from '../../shared/api.js';
import { apiUrls, type ApiResult } from '../../shared/api-client.js';
import { daysOfWeek, locationKinds, spaceFeatures, spaceKinds, weekdays, zoneCharacters, type LocationKind, type Policy, type SpaceFeature, type SpaceKind, type ZoneCharacter } from '../../shared/types.js';
import { lang, t, te } from '../../client/i18n.js';
import { api, locations, sync } from '../state.js';
import { createLocationChoice, Link, LocationSelect, ManageNav, NoticeBox, type Notice, refreshing } from '../ui.js';
import { url } from '../router.js';
import { Field, Of } from '../../client/field.js';


const form = (e: SubmitEvent) => {
  e.preventDefault();
  return new FormData(e.currentTarget as HTMLFormElement);
};
const str = (f: FormData, k: string) => String(f.get(k) ?? '').trim();
const num = (f: FormData, k: string) => (str(f, k) === '' ? undefined : Number(str(f, k)));

const parts = ['location', 'zones', 'spaces', 'new'] as const;
type Part = (typeof parts)[number];
const partSlug: Record<Part, string> = { location: 'locatie', zones: 'zones', spaces: 'ruimtes', new: 'nieuw' };
/** Spaces listed at once: a location has up to hundreds; search finds the rest. */
const SPACES_SHOWN = 40;

/**
 * Facility: one location at a time, in parts (the location and its rules, zones, spaces with
 * the CSV import, a new location) so no page runs to thousands of pixels; spaces by search.
 */
export default function Buildings() {
  const [locationId, setLocationId] = createLocationChoice();
  /** Feedback beside what was used: `where` names the form (a zone's, a space's, ...). */
  const [notice, setNotice] = createSignal<{ where: string; notice: Notice } | null>(null);
  const noticeAt = (where: string) => (notice()?.where === where ? notice()!.notice : null);
  const part = (): Part => parts.find((p) => partSlug[p] === url().searchParams.get('deel')) ?? 'location';
  const [spaceSearch, setSpaceSearch] = createSignal('');
  const [data, { refetch: fetchAgain }] = createResource(locationId, async (id) => {
    if (!id) return null;
    const [zones, spaces] = await Promise.all([api.zones(id), api.spaces(id)]);
    return zones.ok && spaces.ok ? { zones: zones.data, spaces: spaces.data } : null;
  });
  const refetch = refreshing(fetchAgain);
  const location = () => locations()?.data.find((l) => l.id === locationId());
  const matching = () => {
    const needle = spaceSearch().trim().toLowerCase();
    const all = data()?.spaces ?? [];
    return needle === '' ? all : all.filter((sp) => sp.code.toLowerCase().includes(needle) || sp.name.toLowerCase().includes(needle));
  };

  /** Every change reports beside its form and reloads what it changed. */
  async function done(where: string, res: ApiResult<unknown>, okText: string, reloadLocations = false): Promise<boolean> {
    setNotice({ where, notice: res.ok ? { tone: 'ok', text: okText } : { tone: 'error', text: te(res.code) } });
    if (res.ok) {
      if (reloadLocations) await sync();
      void refetch();
    }
    return res.ok;
  }

  const createLocation = async (e: SubmitEvent) => {
    const f = form(e);
    const res = await api.createLocation({ name: str(f, 'name'), kind: str(f, 'kind') as LocationKind });
    if (await done('new', res, t('manage.saved'), true)) {
      (e.target as HTMLFormElement).reset();
      if (res.ok) setLocationId(res.data.id);
    }
  };
  const editLocation = async (e: SubmitEvent) => {
    const f = form(e);
    const address = str(f, 'address').trim();
    await done('location', await api.updateLocation(locationId(), { name: str(f, 'name'), kind: str(f, 'kind') as LocationKind, address: address === '' ? null : address }), t('manage.saved'), true);
  };
  const retireLocation = async () => {
    if (!confirm(t('manage.confirmRetire', { name: location()?.name ?? '' }))) return;
    const res = await api.retireLocation(locationId());
    if (await done('location', res, res.ok ? t('manage.retired', { n: res.data.cancelled }) : '', true)) setLocationId(locations()?.data[0]?.id ?? 0);
  };

  return (
    <section>
      <h1>{t('buildings.title')}</h1>
      <ManageNav />
      <LocationSelect value={locationId()} onChange={setLocationId} />
      <nav aria-label={t('buildings.parts')}>
        <ul class="part-nav">
          <For each={parts}>
            {(p) => (
              <li>
                <Link href={`/beheer/gebouwen?deel=${partSlug[p]}`} class={part() === p ? 'button primary' : 'button'} current={part() === p}>
                  {t(`buildings.part.${p}`)}
                </Link>
              </li>
            )}
          </For>
        </ul>
      </nav>

      <Show when={part() === 'location' && location()}>
        {(l) => (
          <>
            <h2 id="location-heading">{t('buildings.location')}</h2>
            <form class="stack card" onSubmit={editLocation} data-testid="location-form" aria-labelledby="location-heading">
              <Field label={<>{t('manage.name')}<Of name={l().name} /></>}>
                <input name="name" required maxlength="200" value={l().name} />
              </Field>
              <KindSelect value={l().kind} of={l().name} />
              {/* The building's address, not the person's: the browser must not offer their own. */}
              <Field label={<>{t('buildings.address')}<Of name={l().name} /></>}>
                <input name="address" maxlength="300" autocomplete="off" aria-describedby="address-hint" value={l().address ?? ''} />
              </Field>
              <p id="address-hint" class="muted">{t('buildings.addressHint')}</p>
              <div class="actions">
                <button type="submit" class="button primary">
                  {t('manage.save')}
                </button>
                <button type="button" class="button" onClick={retireLocation}>
                  {t('manage.retireNamed', { name: l().name })}
                </button>
              </div>
              <NoticeBox notice={noticeAt('location')} />
            </form>
            <PolicyForm
              location={l()}
              onSave={async (patch) => {
                const res = await api.setPolicy(l().id, patch);
                if (res.ok) await sync();
                return res;
              }}
            />
          </>
        )}
      </Show>

      <Show when={part() === 'zones'}>
        <h2>{t('buildings.zones')}</h2>
        <ul class="list">
          {/* By position, not by object: a reload after a save keeps the open editor open, with its feedback. */}
          <Index each={data()?.zones ?? []}>
            {(z) => (
              <li>
                <ZoneEditor zone={z()} notice={noticeAt(`zone:${z().id}`)} onDone={(res, text) => done(`zone:${z().id}`, res, text)} />
              </li>
            )}
          </Index>
        </ul>
        <form
          class="stack card"
          aria-labelledby="new-zone-heading"
          onSubmit={async (e) => {
            const f = form(e);
            const body = { name: str(f, 'name'), character: str(f, 'character') as ZoneCharacter, ...(num(f, 'floor') === undefined ? {} : { floor: num(f, 'floor') }) };
            if (await done('newZone', await api.createZone(locationId(), body), t('manage.saved'))) (e.target as HTMLFormElement).reset();
          }}
        >
          <h3 id="new-zone-heading">{t('buildings.newZone')}</h3>
          <ZoneFields />
          <button type="submit" class="button primary">
            {t('buildings.addZone')}
          </button>
          <NoticeBox notice={noticeAt('newZone')} />
        </form>
      </Show>

      <Show when={part() === 'spaces'}>
        <h2>{t('buildings.spaces')}</h2>
        <Field label={t('buildings.searchSpaces')}>
          <input type="search" value={spaceSearch()} onInput={(e) => setSpaceSearch(e.currentTarget.value)} autocomplete="off" />
        </Field>
        <p class="muted" role="status">
          {t('buildings.spacesShown', { shown: Math.min(matching().length, SPACES_SHOWN), total: data()?.spaces.length ?? 0 })}
          {matching().length > SPACES_SHOWN ? ` ${t('buildings.spacesMore')}` : ''}
        </p>
        <ul class="list" data-testid="spaces">
          <Index each={matching().slice(0, SPACES_SHOWN)}>
            {(sp) => (
              <li>
                <SpaceEditor space={sp()} zones={data()?.zones ?? []} notice={noticeAt(`space:${sp().id}`)} onDone={(res, text) => done(`space:${sp().id}`, res, text)} />
              </li>
            )}
          </Index>
        </ul>
        <form
          class="stack card"
          aria-labelledby="new-space-heading"
          onSubmit={async (e) => {
            const f = form(e);
            const zoneId = num(f, 'zoneId');
            const body = { code: str(f, 'code').toUpperCase(), name: str(f, 'name'), kind: str(f, 'kind') as SpaceKind, capacity: num(f, 'capacity') ?? 1, features: f.getAll('features').map(String) as SpaceFeature[], ...(zoneId ? { zoneId } : {}) };
            if (await done('newSpace', await api.createSpace(locationId(), body), t('manage.saved'))) (e.target as HTMLFormElement).reset();
          }}
        >
          <h3 id="new-space-heading">{t('buildings.newSpace')}</h3>
          <Field label={t('buildings.code')}>
            <input name="code" required pattern="[A-Za-z0-9][A-Za-z0-9\-]{1,31}" autocomplete="off" />
          </Field>
          <SpaceFields zones={data()?.zones ?? []} />
          <button type="submit" class="button primary">
            {t('buildings.addSpace')}
          </button>
          <NoticeBox notice={noticeAt('newSpace')} />
        </form>

        <CsvImport locationId={locationId()} onImported={() => void refetch()} />
        <p>
          <a class="button" href={apiUrls.spacesCsv(locationId(), lang())} download="">
            {t('buildings.export')}
          </a>
        </p>
      </Show>

      <Show when={part() === 'new'}>
        <h2 id="new-location-heading">{t('buildings.newLocation')}</h2>
        <form class="stack card" onSubmit={createLocation} aria-labelledby="new-location-heading">
          <Field label={t('manage.name')}>
            <input name="name" required maxlength="200" />
          </Field>
          <KindSelect value="hub" />
          <button type="submit" class="button primary">
            {t('buildings.addLocation')}
          </button>
          <NoticeBox notice={noticeAt('new')} />
        </form>
      </Show>
    </section>
  );
}

function KindSelect(props: { value: string; of?: string }) {
  return (
    <Field label={<>{t('buildings.locationKind')}<Of name={props.of} /></>}>
      <select name="kind" value={props.value}>
        <For each={locationKinds}>{(k) => <option value={k}>{t(`locationKind.${k}`)}</option>}</For>
      </select>
    </Field>
  );
}

function ZoneFields(props: { zone?: ZoneDto }) {
  const of = () => props.zone?.name;
  return (
    <>
      <Field label={<>{t('manage.name')}<Of name={of()} /></>}>
        <input name="name" required maxlength="100" value={props.zone?.name ?? ''} />
      </Field>
      <Field label={<>{t('buildings.character')}<Of name={of()} /></>}>
        <select name="character" value={props.zone?.character ?? 'gemengd'}>
          <For each={zoneCharacters}>{(c) => <option value={c}>{t(`character.${c}`)}</option>}</For>
        </select>
      </Field>
      <Field label={<>{t('buildings.floor')}<Of name={of()} /></>}>
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

function ZoneEditor(props: { zone: ZoneDto; notice: Notice | null; onDone: Done }) {
  const z = () => props.zone;
  const summaryId = createUniqueId();
  return (
    <details class="card">
      {/* The summary names the form: every zone's form then has its own name. */}
      <summary id={summaryId}>
        {z().name} · {t(`character.${z().character}`)}
        {z().floor === null ? '' : ` · ${t('buildings.floorN', { n: z().floor! })}`}
      </summary>
      <form
        class="stack"
        aria-labelledby={summaryId}
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
        <NoticeBox notice={props.notice} />
      </form>
    </details>
  );
}

function SpaceFields(props: { space?: SpaceDto; zones: ZoneDto[] }) {
  const of = () => props.space?.code;
  return (
    <>
      <Field label={<>{t('manage.name')}<Of name={of()} /></>}>
        <input name="name" required maxlength="200" value={props.space?.name ?? ''} />
      </Field>
      <Field label={<>{t('buildings.kind')}<Of name={of()} /></>}>
        <select name="kind" value={props.space?.kind ?? 'desk'}>
          <For each={spaceKinds}>{(k) => <option value={k}>{t(`kind.${k}`)}</option>}</For>
        </select>
      </Field>
      <Field label={<>{t('buildings.zone')}<Of name={of()} /></>}>
        <select name="zoneId" value={props.space?.zoneId ?? ''}>
          <option value="">{t('buildings.noZone')}</option>
          <For each={props.zones}>{(z) => <option value={z.id}>{z.name}</option>}</For>
        </select>
      </Field>
      <Field label={<>{t('buildings.capacity')}<Of name={of()} /></>}>
        <input name="capacity" type="number" min="1" max="1000" inputmode="numeric" required value={props.space?.capacity ?? 1} />
      </Field>
      <fieldset class="checks">
        <legend>
          {t('buildings.features')}
          <Of name={of()} />
        </legend>
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

function SpaceEditor(props: { space: SpaceDto; zones: ZoneDto[]; notice: Notice | null; onDone: Done }) {
  const sp = () => props.space;
  const summaryId = createUniqueId();
  return (
    <details class="card">
      <summary id={summaryId}>
        {sp().code} · {sp().name} · {t(`kind.${sp().kind}`)}
      </summary>
      {/* role="form" spelled out: IBM Equal Access keeps the same-named feature checkboxes of
          different spaces apart only within an explicit form role. */}
      <form
        class="stack"
        role="form"
        aria-labelledby={summaryId}
        onSubmit={async (e) => {
          const f = form(e);
          const body = { name: str(f, 'name'), kind: str(f, 'kind') as SpaceKind, zoneId: num(f, 'zoneId') ?? null, capacity: num(f, 'capacity') ?? 1, features: f.getAll('features').map(String) as SpaceFeature[] };
          await props.onDone(await api.updateSpace(sp().id, body), t('manage.saved'));
        }}
      >
        <SpaceFields space={sp()} zones={props.zones} />
        <SaveOrRetire name={sp().code} retire={() => api.retireSpace(sp().id)} onDone={props.onDone} />
        <NoticeBox notice={props.notice} />
      </form>
    </details>
  );
}

/** A refused field's problem in the person's language, from the code the server gave it. */
function fieldErrorText(d: { code?: string; minimum?: number; maximum?: number }): string {
  switch (d.code) {
    case 'too_small':
      return t('fieldError.too_small', { min: d.minimum ?? 0 });
    case 'too_big':
      return t('fieldError.too_big', { max: d.maximum ?? 0 });
    case 'invalid_type':
    case 'invalid_format':
    case 'ends_before_start':
    case 'overlaps_morning':
    case 'no_open_day':
      return t(`fieldError.${d.code}`);
    default:
      return t('fieldError.invalid');
  }
}

/**
 * The policy of a location as a form, each value in a field wide enough to read. The server
 * checks it (the browser's own bubbles would speak the browser's language): a refused field
 * gets its reason beside it, and the outcome stands beside the save button.
 */
function PolicyForm(props: { location: LocationDto; onSave: (patch: Record<string, unknown>) => Promise<ApiResult<unknown>> }) {
  const p = () => props.location.policy;
  /** Reasons by the field's path in the patch: `graceMinutes.desk`, `dayParts.morning.end`. */
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [result, setResult] = createSignal<Notice | null>(null);
  const err = (path: string) => errors()[path] ?? null;
  let formEl: HTMLFormElement | undefined;
  const save = async (e: SubmitEvent) => {
    const f = form(e);
    // An empty number goes as null: the server names the field instead of storing a 0.
    const n = (k: string) => (str(f, k) === '' ? null : Number(str(f, k)));
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
      softCapPercent: Object.fromEntries(weekdays.map((d) => [d, n(`cap.${d}`)])),
      closedOnHolidays: f.get('closedOnHolidays') === 'on',
      openDays: daysOfWeek.filter((d) => f.get(`open.${d}`) === 'on'),
    };
    const res = await props.onSave(patch);
    if (res.ok) {
      setErrors({});
      return setResult({ tone: 'ok', text: t('policy.saved', { location: props.location.name }) });
    }
    const details: { path?: string; code?: string; minimum?: number; maximum?: number }[] = Array.isArray(res.details) ? res.details : [];
    const byField: Record<string, string> = {};
    // openDays.3 is the fourth day of the list: the group takes the message.
    for (const d of details) if (d.path !== undefined) byField[d.path.startsWith('openDays') ? 'openDays' : d.path] ??= fieldErrorText(d);
    setErrors(byField);
    setResult({ tone: 'error', text: Object.keys(byField).length > 0 ? t('policy.fix', { n: Object.keys(byField).length }) : te(res.code) });
    // The first refused field gets the focus, so its reason is read out and it is in view.
    queueMicrotask(() => formEl?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  };
  const numberField = (name: string, path: string, label: string, value: number | undefined, min: number, max: number) => (
    <Field label={label} error={err(path)}>
      <input name={name} type="number" min={min} max={max} inputmode="numeric" value={value ?? ''} aria-invalid={err(path) ? 'true' : undefined} />
    </Field>
  );
  const timeField = (name: string, path: string, label: string, value: string) => (
    <Field label={label} error={err(path)}>
      <input name={name} type="time" value={value} aria-invalid={err(path) ? 'true' : undefined} />
    </Field>
  );
  return (
    <details class="card" data-testid="policy">
      <summary id="policy-summary">{t('policy.title')}</summary>
      <form class="stack policy-form" onSubmit={save} novalidate ref={formEl} aria-labelledby="policy-summary">
        {numberField('checkInOpensMinutes', 'checkInOpensMinutes', t('policy.checkInOpens'), p().checkInOpensMinutes, 0, 1440)}
        <fieldset class="field-grid">
          <legend>{t('policy.grace')}</legend>
          <For each={spaceKinds}>{(k) => numberField(`grace.${k}`, `graceMinutes.${k}`, t(`kind.${k}`), p().graceMinutes[k], 0, 1440)}</For>
        </fieldset>
        {numberField('daysAhead', 'daysAhead', t('policy.daysAhead'), p().daysAhead, 0, 365)}
        {numberField('maxPerDay', 'maxPerDay', t('policy.maxPerDay'), p().maxPerDay, 1, 10)}
        {numberField('maxAhead', 'maxAhead', t('policy.maxAhead'), p().maxAhead, 1, 500)}
        <label class="check">
          <input name="closedOnHolidays" type="checkbox" checked={p().closedOnHolidays} />
          <span>{t('policy.closedOnHolidays')}</span>
        </label>
        <fieldset class="checks" aria-describedby={err('openDays') ? 'open-days-error' : undefined}>
          <legend>{t('policy.openDays')}</legend>
          <For each={daysOfWeek}>
            {(d) => (
              <label class="check">
                <input name={`open.${d}`} type="checkbox" checked={p().openDays.includes(d)} aria-invalid={err('openDays') ? 'true' : undefined} />
                <span>{t(`weekday.${d}`)}</span>
              </label>
            )}
          </For>
          <Show when={err('openDays')}>
            <span class="field-error" id="open-days-error">
              {err('openDays')}
            </span>
          </Show>
        </fieldset>
        <fieldset class="field-grid field-grid-pairs">
          <legend>{t('policy.dayParts')}</legend>
          <For each={['morning', 'afternoon', 'day'] as const}>
            {(d) => (
              <>
                {timeField(`${d}.start`, `dayParts.${d}.start`, t('policy.partStart', { part: t(`part.${d}`) }), p().dayParts[d].start)}
                {timeField(`${d}.end`, `dayParts.${d}.end`, t('policy.partEnd', { part: t(`part.${d}`) }), p().dayParts[d].end)}
              </>
            )}
          </For>
        </fieldset>
        {numberField('offlineCheckInMaxHours', 'offlineCheckInMaxHours', t('policy.offlineHours'), p().offlineCheckInMaxHours, 0, 336)}
        {numberField('guestRetentionDays', 'guestRetentionDays', t('policy.guestRetention'), p().guestRetentionDays, 1, 365)}
        {timeField('teamHoldReleaseTime', 'teamHoldReleaseTime', t('policy.holdRelease'), p().teamHoldReleaseTime)}
        <fieldset class="field-grid">
          <legend>{t('policy.softCap')}</legend>
          <For each={weekdays}>{(d) => numberField(`cap.${d}`, `softCapPercent.${d}`, t(`weekday.${d}`), (p().softCapPercent as Policy['softCapPercent'])[d] ?? undefined, 1, 100)}</For>
        </fieldset>
        <button type="submit" class="button primary">
          {t('policy.save')}
        </button>
        <NoticeBox notice={result()} />
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
