import { createResource, For, Show } from 'solid-js';
import { lang, t } from '../../client/i18n.js';
import type { MessageKey } from '../../shared/i18n.js';
import { api } from '../state.js';

/** A moment as the admin reads it: day and time on their own device. */
const when = (iso: string) => new Intl.DateTimeFormat(lang() === 'nl' ? 'nl-NL' : 'en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));

/** For admins: whether Plek sends mail, how much waits, and what the relay refused lately. */
export default function MailStatus() {
  const [status] = createResource(async () => {
    const res = await api.adminMail();
    return res.ok ? res.data : null;
  });
  return (
    <Show when={status()}>
      {(s) => (
        <section aria-labelledby="mail-status" class="stack">
          <h2 id="mail-status">{t('mail.title')}</h2>
          <Show when={s().enabled} fallback={<p class="notice notice-info">{t('mail.off')}</p>}>
            <dl class="figures">
              <div>
                <dt>{t('mail.queued')}</dt>
                <dd>{s().counts.queued}</dd>
              </div>
              <div>
                <dt>{t('mail.sent')}</dt>
                <dd>{s().counts.sent}</dd>
              </div>
              <div>
                <dt>{t('mail.failed')}</dt>
                <dd>{s().counts.failed}</dd>
              </div>
            </dl>
            <h3>{t('mail.failures')}</h3>
            <Show when={s().failures.length > 0} fallback={<p class="small">{t('mail.noFailures')}</p>}>
              <ul class="plain stack mail-failures">
                <For each={s().failures}>
                  {(f) => (
                    <li class="card small">
                      <strong>{f.recipient}</strong> · {t(`mail.kind.${f.kind}` as MessageKey)} · {when(f.lastAttemptAt)} · {t('mail.attempts', { n: f.attempts })} ·{' '}
                      {f.nextAttemptAt ? t('mail.retryAt', { time: when(f.nextAttemptAt) }) : t('mail.givenUp')}
                      <br />
                      <code>{f.lastError}</code>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </Show>
        </section>
      )}
    </Show>
  );
}
