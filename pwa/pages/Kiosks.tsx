import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { KIOSK_SILENT_MINUTES, MINUTE } from '../../shared/rules.js';
import type { AdminKioskDto as Kiosk, ApiResult, PairingCodeDto } from '../../shared/api-client.js';
import { clock, t, te } from '../../client/i18n.js';
import { api, catalogue, locations } from '../state.js';
import { createLocationChoice, LocationSelect, ManageNav, NoticeBox, type Notice, refreshing } from '../ui.js';
import { Field } from '../../client/field.js';


/** Admin: create kiosks and room displays, hand out pairing codes, see last contact, revoke. */
export default function Kiosks() {
  const [locationId, setLocationId] = createLocationChoice();
  const [notice, setNotice] = createSignal<Notice | null>(null);
  const [kiosks, { refetch: fetchAgain }] = createResource(async () => {
    const res = await api.adminKiosks();
    return res.ok ? res.data : [];
  });
  const refetch = refreshing(fetchAgain);
  const [rooms] = createResource(locationId, async (id) => (await catalogue(id))?.data.spaces.filter((s) => s.kind !== 'desk') ?? []);
  const locationName = (id: number) => locations()?.data.find((l) => l.id === id)?.name ?? '';
  // The list is read again each minute, so a kiosk that falls silent is flagged while the page is open.
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => (setNow(Date.now()), void refetch()), MINUTE);
  onCleanup(() => clearInterval(timer));
  const silentFor = (k: Kiosk) => (k.paired && !k.revokedAt && k.lastSeenAt !== null ? Math.floor((now() - k.lastSeenAt) / MINUTE) : 0);

  const showCode = (res: ApiResult<PairingCodeDto>) => {
    setNotice(res.ok ? { tone: 'ok', text: t('kiosks.code', { name: res.data.kiosk.name, code: res.data.pairingCode }) } : { tone: 'error', text: te(res.code) });
    void refetch();
  };
  const create = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const f = new FormData(form);
    const spaceId = Number(f.get('room')) || undefined;
    showCode(await api.createKiosk({ name: String(f.get('name')), locationId: locationId(), ...(spaceId ? { spaceId } : {}) }));
    form.reset();
  };
  const newCode = async (k: Kiosk) => showCode(await api.newPairingCode(k.id));
  const revoke = async (k: Kiosk) => {
    const res = await api.revokeKiosk(k.id);
    if (!res.ok) setNotice({ tone: 'error', text: te(res.code) });
    void refetch();
  };

  return (
    <section>
      <h1>{t('kiosks.title')}</h1>
      <ManageNav />
      <NoticeBox notice={notice()} />
      <h2>{t('kiosks.new')}</h2>
      <form class="stack" onSubmit={create}>
        <Field label={t('kiosks.name')}>
          <input name="name" required maxlength="100" autocomplete="off" />
        </Field>
        <LocationSelect value={locationId()} onChange={setLocationId} />
        <Field label={t('kiosks.room')}>
          <select name="room">
            <option value="">{t('kiosks.entrance')}</option>
            <For each={rooms() ?? []}>{(r) => <option value={r.id}>{`${r.code} · ${r.name}`}</option>}</For>
          </select>
        </Field>
        <button type="submit" class="button primary">
          {t('kiosks.create')}
        </button>
      </form>
      <h2>{t('nav.kiosks')}</h2>
      <Show when={(kiosks() ?? []).length > 0} fallback={<p class="muted">{t('kiosks.none')}</p>}>
        <ul class="list" data-testid="kiosks">
          <For each={kiosks()}>
            {(k) => (
              <li class="card">
                <div class="row">
                  <strong>{k.name}</strong>
                  <span class="badge badge-booked">{k.revokedAt ? t('kiosks.revoked') : k.paired ? t('kiosks.paired') : t('kiosks.unpaired')}</span>
                </div>
                <p>
                  {locationName(k.locationId)}
                  <Show when={silentFor(k) < KIOSK_SILENT_MINUTES}>{k.lastSeenAt ? ` · ${t('kiosks.lastSeen', { time: clock(k.lastSeenAt) })}` : ''}</Show>
                </p>
                <Show when={silentFor(k) >= KIOSK_SILENT_MINUTES}>
                  <p class="notice notice-error" data-testid="kiosk-silent">
                    <span aria-hidden="true">! </span>
                    {t('kiosks.silent', { time: clock(k.lastSeenAt!), min: silentFor(k) })}
                  </p>
                </Show>
                <Show when={!k.revokedAt}>
                  <div class="actions">
                    <button type="button" class="button" onClick={() => newCode(k)}>
                      {t('kiosks.newCode', { name: k.name })}
                    </button>
                    <button type="button" class="button" onClick={() => revoke(k)}>
                      {t('kiosks.revoke', { name: k.name })}
                    </button>
                  </div>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
