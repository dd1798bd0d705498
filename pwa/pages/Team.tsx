import { createResource, createSignal, For, Show } from 'solid-js';
import type { MyTeamDto as MyTeam } from '../../shared/api-client.js';
import { addDaysToDate, localDate } from '../../shared/time.js';
import { weekdays, type Weekday } from '../../shared/types.js';
import { dayOf, t, te, timeOf } from '../../client/i18n.js';
import { api } from '../state.js';
import { NoticeBox, type Notice, refreshing } from '../ui.js';
import { Field } from '../../client/field.js';
import { loadTeams } from './TeamDays.js';


/** For a team's manager: the office days, and desks for a day reserved in one action. */
export default function Team() {
  const [teams, { refetch: fetchAgain }] = createResource(loadTeams);
  const refetch = refreshing(fetchAgain);
  const [notice, setNotice] = createSignal<Notice | null>(null);
  const managed = () => (teams() ?? []).filter((x) => x.manages);
  // A block's outcome stands under its own button, where the manager tapped, per team.
  const [blockNotice, setBlockNotice] = createSignal<{ team: number; notice: Notice } | null>(null);

  const saveDays = async (team: MyTeam, e: SubmitEvent) => {
    e.preventDefault();
    const days = new FormData(e.currentTarget as HTMLFormElement).getAll('days').map(String);
    const res = await api.updateTeam(team.id, { days: days as Weekday[] });
    setNotice(res.ok ? { tone: 'ok', text: t('manage.saved') } : { tone: 'error', text: te(res.code) });
    void refetch();
  };
  const block = async (team: MyTeam, e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const body = { date: String(f.get('date')), memberIds: f.getAll('members').map(Number), held: Number(f.get('held') || 0) };
    const res = await api.blockTeamDay(team.id, body);
    if (res.ok) {
      const names = (reason: string) =>
        res.data.skipped
          .filter((s) => s.reason === reason)
          .map((s) => team.members?.find((m) => m.id === s.userId)?.name ?? '')
          .join(', ');
      const [hasDesk, noDesk, notHeld] = [names('has_desk'), names('no_free_desk'), res.data.notHeld];
      // What could not be done is said beside what was, so the manager knows whom to help.
      const parts = [
        t('team.blockDone', { n: res.data.reserved.length, held: res.data.held }),
        hasDesk ? t('team.skipped', { names: hasDesk }) : '',
        noDesk ? t('team.noDesk', { names: noDesk }) : '',
        notHeld ? (notHeld.reason === 'hold_too_late' ? t('team.notHeldLate', { n: notHeld.count, time: notHeld.releaseAt ? `${dayOf(notHeld.releaseAt)} ${timeOf(notHeld.releaseAt)}` : '' }) : t('team.notHeldFull', { n: notHeld.count })) : '',
      ];
      setBlockNotice({ team: team.id, notice: { tone: noDesk || notHeld ? 'info' : 'ok', text: parts.filter(Boolean).join(' ') } });
    } else {
      const free = res.details?.free;
      setBlockNotice({ team: team.id, notice: { tone: 'error', text: te(res.code) + (typeof free === 'number' ? ` (${t('team.free', { n: free })})` : '') } });
    }
    void refetch();
  };
  const nextTeamDay = (team: MyTeam) => team.upcoming[0]?.date ?? addDaysToDate(localDate(Date.now(), 'Europe/Amsterdam'), 1);

  return (
    <section>
      <h1>{t('team.title')}</h1>
      <NoticeBox notice={notice()} />
      <Show when={managed().length > 0} fallback={<p class="muted">{t('team.noneManaged')}</p>}>
        <For each={managed()}>
          {(team) => (
            <article class="card stack" aria-labelledby={`team-${team.id}`}>
              <h2 id={`team-${team.id}`}>{team.name}</h2>
              <Show when={team.zone}>{(z) => <p>{t('team.zoneIs', { zone: `${z().locationName}, ${z().name}` })}</p>}</Show>
              <form class="stack" onSubmit={(e) => saveDays(team, e)}>
                <fieldset class="checks">
                  <legend>{t('team.officeDays')}</legend>
                  <For each={weekdays}>
                    {(d) => (
                      <label>
                        <input type="checkbox" name="days" value={d} checked={team.days.includes(d)} />
                        {t(`weekday.${d}`)}
                      </label>
                    )}
                  </For>
                </fieldset>
                <button type="submit" class="button">
                  {t('team.saveDays')}
                </button>
              </form>
              {/* Desks for a day are in the team's zone: without one the form could only be refused. */}
              <Show
                when={team.zone}
                fallback={
                  <div class="stack" data-testid="no-zone">
                    <h3>{t('team.block')}</h3>
                    <p class="notice notice-info">
                      <span aria-hidden="true">ℹ </span>
                      {t('team.noZone', { team: team.name })}
                    </p>
                  </div>
                }
              >
                <form class="stack" onSubmit={(e) => block(team, e)}>
                  <h3>{t('team.block')}</h3>
                  <Field label={t('team.date')}>
                    <input name="date" type="date" required value={nextTeamDay(team)} />
                  </Field>
                  <fieldset class="checks">
                    <legend>{t('team.forMembers')}</legend>
                    <For each={team.members ?? []}>
                      {(m) => (
                        <label>
                          <input type="checkbox" name="members" value={m.id} />
                          {m.name}
                        </label>
                      )}
                    </For>
                  </fieldset>
                  <Field label={t('team.heldCount')}>
                    <input name="held" type="number" min="0" max="200" value="0" inputmode="numeric" />
                  </Field>
                  <button type="submit" class="button primary">
                    {t('team.reserveBlock')}
                  </button>
                  <NoticeBox notice={blockNotice()?.team === team.id ? blockNotice()!.notice : null} />
                </form>
              </Show>
            </article>
          )}
        </For>
      </Show>
    </section>
  );
}
