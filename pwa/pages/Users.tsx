import { createResource, createSignal, createUniqueId, For, Show } from 'solid-js';
import type { AdminUserDto as AdminUser, ApiResult } from '../../shared/api-client.js';
import { roles, type Role } from '../../shared/types.js';
import { dayOf, t, te, timeOf } from '../../client/i18n.js';
import { api, locations } from '../state.js';
import { ManageNav, NoticeBox, type Notice, refreshing } from '../ui.js';
import { Field, Of } from '../../client/field.js';
import MailStatus from './MailStatus.js';

interface ZoneChoice {
  id: number;
  label: string;
}

const teamList = (text: string) => [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];

/** Admin: people (roles, teams, reception locations, BHV, disabled) and teams with their zone. */
export default function Users() {
  const [notice, setNotice] = createSignal<Notice | null>(null);
  const [search, setSearch] = createSignal('');
  const [page, setPage] = createSignal(1);
  const [role, setRole] = createSignal('');
  const [list, { refetch: fetchAgain }] = createResource(
    () => ({ q: search(), page: page(), role: role() }),
    async (p) => {
      const res = await api.adminUsers(p.q, p.page, p.role || undefined);
      return res.ok ? res.data : null;
    },
  );
  const refetch = refreshing(fetchAgain);
  const [teams, { refetch: teamsAgain }] = createResource(async () => {
    const res = await api.adminTeams();
    return res.ok ? res.data : [];
  });
  const refetchTeams = refreshing(teamsAgain);
  const [zones] = createResource(
    () => locations()?.data,
    async (ls) => {
      const all: ZoneChoice[] = [];
      for (const l of ls) {
        const res = await api.zones(l.id);
        if (res.ok) all.push(...res.data.map((z) => ({ id: z.id, label: `${l.name} · ${z.name}` })));
      }
      return all;
    },
  );

  async function done(res: ApiResult<unknown>, ok: string): Promise<boolean> {
    setNotice(res.ok ? { tone: 'ok', text: ok } : { tone: 'error', text: `${te(res.code)}${res.code === 'invalid_input' ? ` (${res.message})` : ''}` });
    if (res.ok) {
      void refetch();
      void refetchTeams();
    }
    return res.ok;
  }

  const create = async (e: SubmitEvent) => {
    e.preventDefault();
    const formEl = e.currentTarget as HTMLFormElement;
    const f = new FormData(formEl);
    const body = { email: String(f.get('email')).trim(), name: String(f.get('name')).trim(), password: String(f.get('password')), roles: f.getAll('roles').map(String) as Role[], teams: teamList(String(f.get('teams') ?? '')) };
    if (await done(await api.createUser(body), t('manage.saved'))) formEl.reset();
  };

  return (
    <section>
      <h1>{t('users.title')}</h1>
      <ManageNav />
      <NoticeBox notice={notice()} />
      <form role="search" class="filter-row" onSubmit={(e) => e.preventDefault()}>
        <Field label={t('users.search')}>
          <input type="search" value={search()} onInput={(e) => (setPage(1), setSearch(e.currentTarget.value))} />
        </Field>
        <Field label={t('users.roleFilter')}>
          <select data-testid="role-filter" value={role()} onChange={(e) => (setPage(1), setRole(e.currentTarget.value))}>
            <option value="">{t('users.anyRole')}</option>
            <For each={roles}>{(r) => <option value={r}>{t(`role.${r}`)}</option>}</For>
          </select>
        </Field>
      </form>
      <p class="muted" aria-live="polite">
        {t('users.count', { n: list()?.total ?? 0 })}
        {list() && list()!.total > list()!.pageSize ? ` · ${t('users.pageOf', { page: page(), pages: Math.ceil(list()!.total / list()!.pageSize) })}` : ''}
      </p>
      <ul class="list" data-testid="users">
        <For each={list()?.users ?? []}>
          {(u) => (
            <li>
              <UserEditor user={u} onDone={done} />
            </li>
          )}
        </For>
      </ul>
      <div class="actions">
        <button type="button" class="button" disabled={page() <= 1} onClick={() => setPage(page() - 1)}>
          {t('users.previous')}
        </button>
        <button type="button" class="button" disabled={!list() || page() * list()!.pageSize >= list()!.total} onClick={() => setPage(page() + 1)}>
          {t('users.next')}
        </button>
      </div>

      <h2 id="new-user-heading">{t('users.new')}</h2>
      <form class="stack card" onSubmit={create} aria-labelledby="new-user-heading">
        <Field label={t('manage.name')}>
          <input name="name" required maxlength="200" autocomplete="off" />
        </Field>
        <Field label={t('login.email')}>
          <input name="email" type="email" required maxlength="254" autocomplete="off" />
        </Field>
        <Field label={t('users.password')}>
          <input name="password" type="password" required minlength="12" autocomplete="new-password" />
        </Field>
        <RoleChecks chosen={['employee']} />
        <Field label={t('users.teams')}>
          <input name="teams" autocomplete="off" />
        </Field>
        <button type="submit" class="button primary">
          {t('users.create')}
        </button>
      </form>

      <h2>{t('teams.title')}</h2>
      <ul class="list" data-testid="teams">
        <For each={teams() ?? []}>
          {(team) => {
            const nameId = createUniqueId();
            return (
              <li class="card">
                <form
                  class="stack"
                  aria-labelledby={nameId}
                  onSubmit={async (e) => {
                    e.preventDefault();
                    const f = new FormData(e.currentTarget);
                    const zoneId = Number(f.get('zoneId')) || null;
                    await done(await api.updateTeam(team.id, { name: String(f.get('name')).trim(), zoneId }), t('manage.saved'));
                  }}
                >
                  <p>
                    <strong id={nameId}>{team.name}</strong> · {t('teams.members', { n: team.memberCount })}
                    {team.days.length > 0 ? ` · ${team.days.map((d) => t(`weekday.${d}`)).join(', ')}` : ''}
                  </p>
                  <Field label={t('teams.nameOf', { name: team.name })}>
                    <input name="name" required maxlength="100" value={team.name} />
                  </Field>
                  <ZoneSelect zones={zones() ?? []} value={team.zoneId} label={t('teams.zoneOf', { name: team.name })} />
                  <button type="submit" class="button">
                    {t('teams.save', { name: team.name })}
                  </button>
                </form>
              </li>
            );
          }}
        </For>
      </ul>
      <form
        class="stack card"
        aria-labelledby="new-team-heading"
        onSubmit={async (e) => {
          e.preventDefault();
          const formEl = e.currentTarget;
          const f = new FormData(formEl);
          const zoneId = Number(f.get('zoneId')) || null;
          if (await done(await api.createTeam({ name: String(f.get('name')).trim(), zoneId }), t('manage.saved'))) formEl.reset();
        }}
      >
        <h3 id="new-team-heading">{t('teams.new')}</h3>
        <Field label={t('manage.name')}>
          <input name="name" required maxlength="100" />
        </Field>
        <ZoneSelect zones={zones() ?? []} value={null} label={t('teams.zone')} />
        <button type="submit" class="button primary">
          {t('teams.create')}
        </button>
      </form>
      <MailStatus />
    </section>
  );
}

function ZoneSelect(props: { zones: ZoneChoice[]; value: number | null; label: string }) {
  return (
    <Field label={props.label}>
      <select name="zoneId" value={props.value ?? ''}>
        <option value="">{t('buildings.noZone')}</option>
        <For each={props.zones}>{(z) => <option value={z.id}>{z.label}</option>}</For>
      </select>
    </Field>
  );
}

function RoleChecks(props: { chosen: string[]; of?: string }) {
  return (
    <fieldset class="checks">
      <legend>
        {t('users.roles')}
        <Of name={props.of} />
      </legend>
      <For each={roles}>
        {(r) => (
          <label>
            <input type="checkbox" name="roles" value={r} checked={props.chosen.includes(r)} />
            {t(`role.${r}`)}
          </label>
        )}
      </For>
    </fieldset>
  );
}

function UserEditor(props: { user: AdminUser; onDone: (res: ApiResult<unknown>, ok: string) => Promise<boolean> }) {
  const u = () => props.user;
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget as HTMLFormElement);
    const ok = await props.onDone(
      await api.updateUser(u().id, { name: String(f.get('name')).trim(), roles: f.getAll('roles').map(String) as Role[], teams: teamList(String(f.get('teams') ?? '')) }),
      t('manage.saved'),
    );
    if (!ok) return;
    await api.setUserLocations(u().id, f.getAll('locations').map(Number));
    const bhv = f.get('bhv') === 'on';
    if (bhv !== u().bhv) await api.setUserBhv(u().id, bhv);
  };
  const toggle = async () => props.onDone(await api.setUserEnabled(u().id, u().disabled), t('manage.saved'));
  const whoId = createUniqueId();
  return (
    <details class="card">
      <summary>
        <span class="user-summary">
          {/* Name and e-mail name the form: each person's form has its own name. */}
          <span id={whoId}>
          <strong>{u().name}</strong> · {u().email}
          <Show when={u().disabled}>
            {' '}
            <span class="badge badge-cancelled">✕ {t('users.disabled')}</span>
            </Show>
          </span>
          {/* What an admin scans a page of people for, without opening each one. */}
          <span class="muted small">
            {u().roles.map((r) => t(`role.${r as (typeof roles)[number]}`)).join(', ')} · {u().teams.length > 0 ? u().teams.map((x) => x.name).join(', ') : t('users.noTeam')} ·{' '}
            {u().lastSignInAt ? t('users.lastSignIn', { when: `${dayOf(u().lastSignInAt!)} ${timeOf(u().lastSignInAt!)}` }) : t('users.neverSignedIn')}
          </span>
        </span>
      </summary>
      {/* role="form" spelled out: IBM Equal Access keeps same-named checkboxes (roles, bhv) of
          different people apart only within an explicit form role, as a person's form is. */}
      <form class="stack" onSubmit={save} role="form" aria-labelledby={whoId}>
        <Field label={<>{t('manage.name')}<Of name={u().name} /></>}>
          <input name="name" required maxlength="200" value={u().name} />
        </Field>
        <RoleChecks chosen={u().roles} of={u().name} />
        <Field label={<>{t('users.teams')}<Of name={u().name} /></>}>
          <input name="teams" autocomplete="off" value={u().teams.map((x) => x.name).join(', ')} />
        </Field>
        <fieldset class="checks">
          <legend>
            {t('users.receptionAt')}
            <Of name={u().name} />
          </legend>
          <For each={locations()?.data ?? []}>
            {(l) => (
              <label>
                <input type="checkbox" name="locations" value={l.id} checked={u().locationIds.includes(l.id)} />
                {l.name}
              </label>
            )}
          </For>
        </fieldset>
        <label class="check">
          <input type="checkbox" name="bhv" checked={u().bhv} />
          <span>
            {t('users.bhv')}
            <Of name={u().name} />
          </span>
        </label>
        <div class="actions">
          <button type="submit" class="button primary">
            {t('users.save', { name: u().name })}
          </button>
          <button type="button" class="button" onClick={toggle}>
            {u().disabled ? t('users.enable', { name: u().name }) : t('users.disable', { name: u().name })}
          </button>
        </div>
      </form>
    </details>
  );
}
