import { createResource, createSignal, For, Show } from 'solid-js';
import type { MailSettingsDto } from '../../shared/api-client.js';
import { languages, type Language } from '../../shared/i18n.js';
import { lang, t, te } from '../../client/i18n.js';
import { navigate } from '../router.js';
import { api, chooseLanguage, locations, me, online, setShowPresence, signOut } from '../state.js';
import { homeLocation, setHomeLocation } from '../location-memory.js';
import { Link, NoticeBox, type Notice } from '../ui.js';
import { Field } from '../../client/field.js';

const languageNames = { nl: 'Nederlands', en: 'English' } as const;

export default function Settings() {
  const [error, setError] = createSignal<string | null>(null);
  const [calendarUrl, setCalendarUrl] = createSignal<string | null>(null);
  const [copied, setCopied] = createSignal<Notice | null>(null);
  let urlField: HTMLInputElement | undefined;
  const makeCalendarLink = async () => {
    const res = await api.calendarLink();
    if (res.ok) setCalendarUrl(res.data.url);
    else setError(te(res.code));
    setCopied(null);
  };
  const copyCalendarLink = async () => {
    try {
      await navigator.clipboard.writeText(calendarUrl()!);
      setCopied({ tone: 'ok', text: t('calendar.copied') });
    } catch {
      // No clipboard (permission refused, an old browser): the link selected, to copy by hand.
      urlField?.select();
      setCopied({ tone: 'error', text: t('calendar.copyFailed') });
    }
  };
  // webcal: opens the phone's or computer's calendar app on a subscription to this link.
  const webcalUrl = () => calendarUrl()!.replace(/^https?:/, 'webcal:');
  const [mail, { mutate: setMail }] = createResource(async () => {
    const res = await api.mailSettings();
    if (!res.ok) return null;
    // An app language chosen before mail existed (or on another phone) becomes the mail's.
    if (res.data.enabled && res.data.language !== lang()) {
      const synced = await api.setMailSettings({ language: lang(), confirmations: res.data.confirmations, reminders: res.data.reminders });
      if (synced.ok) return synced.data;
    }
    return res.data;
  });
  // Mail is written in the app's language: the choice here goes to the server too.
  const saveMail = async (change: Partial<Omit<MailSettingsDto, 'enabled'>>) => {
    const m = mail();
    if (!m) return;
    const res = await api.setMailSettings({ language: m.language, confirmations: m.confirmations, reminders: m.reminders, ...change });
    if (res.ok) setMail(res.data);
    setError(res.ok ? null : te(res.code));
  };
  const chooseLang = async (l: Language) => {
    await chooseLanguage(l);
    if (mail()?.enabled && mail()!.language !== l) await saveMail({ language: l });
  };
  const togglePresence = async (show: boolean) => {
    const res = await setShowPresence(show);
    setError(res.ok ? null : te(res.code));
  };
  return (
    <section>
      <h1>{t('settings.title')}</h1>
      <p>{t('settings.signedInAs', { name: me()?.name ?? '' })}</p>
      <fieldset class="segmented">
        <legend>{t('settings.language')}</legend>
        <For each={languages}>
          {(l) => (
            <label lang={l}>
              <input type="radio" name="lang" value={l} checked={lang() === l} onChange={() => chooseLang(l)} />
              <span>{languageNames[l]}</span>
            </label>
          )}
        </For>
      </fieldset>
      <HomeLocation />
      <fieldset>
        <legend>{t('settings.visibility')}</legend>
        <label class="check">
          <input type="checkbox" checked={me()?.showPresence ?? true} disabled={!online()} onChange={(e) => togglePresence(e.currentTarget.checked)} />
          <span>{t('settings.showPresence')}</span>
        </label>
      </fieldset>
      <Show when={mail()?.enabled}>
        <fieldset>
          <legend>{t('settings.mail')}</legend>
          <p class="small">{t('settings.mailLanguage')}</p>
          <label class="check">
            <input type="checkbox" name="mail-confirmations" checked={mail()!.confirmations} disabled={!online()} onChange={(e) => saveMail({ confirmations: e.currentTarget.checked })} />
            <span>{t('settings.mailConfirmations')}</span>
          </label>
          <label class="check">
            <input type="checkbox" name="mail-reminders" checked={mail()!.reminders} disabled={!online()} onChange={(e) => saveMail({ reminders: e.currentTarget.checked })} />
            <span>{t('settings.mailReminders')}</span>
          </label>
        </fieldset>
      </Show>
      <fieldset>
        <legend>{t('calendar.title')}</legend>
        <p class="small">{t('calendar.hint')}</p>
        <Show when={calendarUrl()}>
          <Field label={t('calendar.url')}>
            <input ref={urlField} readonly value={calendarUrl()!} onFocus={(e) => e.currentTarget.select()} />
          </Field>
          <div class="actions">
            <button type="button" class="button primary" onClick={copyCalendarLink}>
              {t('calendar.copy')}
            </button>
            <a class="button" href={webcalUrl()}>
              {t('calendar.subscribe')}
            </a>
          </div>
          <NoticeBox notice={copied()} />
        </Show>
        <button type="button" class="button" disabled={!online()} onClick={makeCalendarLink}>
          {calendarUrl() ? t('calendar.reset') : t('calendar.create')}
        </button>
      </fieldset>
      <ul class="plain">
        <li>
          <Link href="/werkdagen">{t('nav.ticks')}</Link>
        </li>
        <Show when={me()?.roles.some((r) => r === 'hr' || r === 'admin')}>
          <li>
            <Link href="/hr">{t('nav.hr')}</Link>
          </li>
        </Show>
      </ul>
      <div role="alert" class="error-region">
        <Show when={error()}>
          <p class="notice notice-error">{error()}</p>
        </Show>
      </div>
      <button
        type="button"
        class="button"
        onClick={async () => {
          await signOut();
          navigate('/', true);
        }}
      >
        {t('settings.signOut')}
      </button>
    </section>
  );
}

/** The location Reserveren opens with on this phone: saved at once, said beside the choice. */
function HomeLocation() {
  const [home, setHome] = createSignal(homeLocation());
  const [saved, setSaved] = createSignal(false);
  const choose = (value: string) => {
    const id = value ? Number(value) : null;
    setHomeLocation(id);
    setHome(id);
    setSaved(true);
  };
  const name = () => locations()?.data.find((l) => l.id === home())?.name ?? t('settings.homeNone');
  return (
    <Show when={(locations()?.data.length ?? 0) > 1}>
      <Field label={t('settings.home')}>
        <select value={home() ?? ''} onChange={(e) => choose(e.currentTarget.value)}>
          <option value="">{t('settings.homeNone')}</option>
          <For each={locations()?.data ?? []}>{(l) => <option value={l.id}>{l.name}</option>}</For>
        </select>
      </Field>
      <p class="small muted">{t('settings.homeHint')}</p>
      <p role="status" class="small">{saved() ? `✓ ${t('settings.homeSaved', { location: name() })}` : ''}</p>
    </Show>
  );
}
