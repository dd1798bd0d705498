import { For, Show } from 'solid-js';
import { dayOf, t, timeOf } from '../../client/i18n.js';
import { colleagues, me } from '../state.js';
import { Link, UpdatedAt } from '../ui.js';

/** Where the people of my teams sit today and this week (those who allow it). */
export default function Colleagues() {
  return (
    <section>
      <h1>{t('colleagues.title')}</h1>
      <Show when={me() && !me()!.showPresence}>
        <p class="notice notice-info">
          {t('colleagues.hidden')} <Link href="/instellingen">{t('nav.settings')}</Link>
        </p>
      </Show>
      <Show when={(colleagues()?.data ?? []).length > 0} fallback={<p>{t('colleagues.empty')}</p>}>
        <ul class="list">
          <For each={colleagues()!.data}>
            {(c) => (
              <li class="card">
                <h2 class="h3">{c.name}</h2>
                <p class="muted small">{c.teams.join(', ')}</p>
                <Show when={c.places.length > 0} fallback={<p class="muted">{t('colleagues.nowhere')}</p>}>
                  <ul class="plain">
                    <For each={c.places}>
                      {(p) => (
                        <li>
                          {dayOf(p.start)} {timeOf(p.start)}–{timeOf(p.end)}: {p.spaceCode} · {p.locationName}
                          {p.zoneName ? ` · ${p.zoneName}` : ''}
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <UpdatedAt at={colleagues()?.fetchedAt} />
    </section>
  );
}
