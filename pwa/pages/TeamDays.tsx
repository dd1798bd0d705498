import { createResource, createSignal, For, Show } from 'solid-js';
import type { MyTeamDto as MyTeam } from '../../shared/api-client.js';
import { dayOf, t, te } from '../../client/i18n.js';
import { api, online, sync } from '../state.js';
import { NoticeBox, type Notice, refreshing } from '../ui.js';

/*
 * The home screen's card of team days, apart from the manager's Team page: the home screen loads
 * this chunk for everyone, and the first screen's 40 KB budget has no room for the manager's forms.
 */

export const loadTeams = async () => {
  if (!online()) return [];
  const res = await api.myTeams();
  return res.ok ? res.data : [];
};

/** On the home screen: my team days of the coming two weeks, with held desks to claim. */
export function TeamDaysCard() {
  const [teams, { refetch: fetchAgain }] = createResource(loadTeams);
  const refetch = refreshing(fetchAgain);
  const [notice, setNotice] = createSignal<Notice | null>(null);
  const claim = async (team: MyTeam, date: string) => {
    const res = await api.claimTeamDesk(team.id, date);
    setNotice(res.ok ? { tone: 'ok', text: t('team.claimed', { code: res.data.spaceCode, day: dayOf(date) }) } : { tone: 'error', text: te(res.code) });
    if (res.ok) await sync();
    void refetch();
  };
  return (
    <Show when={(teams() ?? []).some((x) => x.upcoming.length > 0)}>
      <h2>{t('team.days')}</h2>
      <NoticeBox notice={notice()} />
      <For each={teams()!.filter((x) => x.upcoming.length > 0)}>
        {(team) => (
          <div class="card" data-testid="team-days">
            <p>
              <strong>{team.name}</strong>
              {team.zone ? ` · ${team.zone.locationName}, ${team.zone.name}` : ''}
            </p>
            <ul class="list">
              <For each={team.upcoming}>
                {(d) => (
                  <li class="row">
                    <span>
                      {dayOf(d.date)}
                      {d.held > 0 ? ` · ${t('team.held', { n: d.held })}` : ''}
                    </span>
                    <Show when={d.held > 0}>
                      <button type="button" class="button small" onClick={() => claim(team, d.date)}>
                        {t('team.claim', { day: dayOf(d.date) })}
                      </button>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </div>
        )}
      </For>
    </Show>
  );
}
