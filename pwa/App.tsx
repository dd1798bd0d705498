import { createEffect, createSignal, lazy, Match, Show, Suspense, Switch } from 'solid-js';
import { t } from '../client/i18n.js';
import { Home } from './pages/Home.js';
import { url } from './router.js';
import { dismissToast, me, online, outbox, ready, toast, unreadNotifications } from './state.js';
import { updateReady } from './sw-register.js';
import { Link, notificationText } from './ui.js';

// Signed in, the first screen is Home: the sign-in screen (with its second-factor steps) loads only when shown.
const Login = lazy(() => import('./pages/Login.js').then((m) => ({ default: m.Login })));
const Reserve = lazy(() => import('./pages/Reserve.js'));
const Scan = lazy(() => import('./pages/Scan.js'));
const Space = lazy(() => import('./pages/Space.js'));
const Pass = lazy(() => import('./pages/Pass.js'));
const Colleagues = lazy(() => import('./pages/Colleagues.js'));
const Settings = lazy(() => import('./pages/Settings.js'));
const Guests = lazy(() => import('./pages/Guests.js'));
const Labels = lazy(() => import('./pages/Labels.js'));
const Occupancy = lazy(() => import('./pages/Occupancy.js'));
const Kiosks = lazy(() => import('./pages/Kiosks.js'));
const Buildings = lazy(() => import('./pages/Buildings.js'));
const FloorPlans = lazy(() => import('./pages/FloorPlans.js'));
const Users = lazy(() => import('./pages/Users.js'));
const Audit = lazy(() => import('./pages/Audit.js'));
const Team = lazy(() => import('./pages/Team.js'));
const Ticks = lazy(() => import('./pages/Ticks.js').then((m) => ({ default: m.Ticks })));
const HrExport = lazy(() => import('./pages/Ticks.js').then((m) => ({ default: m.HrExport })));
const Reception = lazy(() => import('./pages/Reception.js'));
const BadgePage = lazy(() => import('./pages/ReceptionPrint.js').then((m) => ({ default: m.BadgePage })));
const EmergencyPage = lazy(() => import('./pages/ReceptionPrint.js').then((m) => ({ default: m.EmergencyPage })));
const Series = lazy(() => import('./pages/Series.js'));
const Change = lazy(() => import('./pages/Change.js'));

// Four tabs and "Meer": five fit a 320 px phone with a 44 px target each; the daily tick is a tab.
const nav = [
  { href: '/', key: 'nav.home', icon: '⌂' },
  { href: '/reserveren', key: 'nav.reserve', icon: '+' },
  { href: '/scannen', key: 'nav.scan', icon: '◎' },
  { href: '/werkdagen', key: 'nav.workdays', icon: '✓' },
] as const;
const more = [
  { href: '/pas', key: 'nav.pass', icon: '▣' },
  { href: '/collegas', key: 'nav.colleagues', icon: '☺' },
  { href: '/bezoekers', key: 'nav.guests', icon: '✉' },
  { href: '/instellingen', key: 'nav.settings', icon: '⚙' },
] as const;

/** The tab bar: the daily screens, and the rest under "Meer" (a disclosure, closed on every move). */
function Tabs() {
  const path = () => url().pathname;
  const [open, setOpen] = createSignal(false);
  let button: HTMLButtonElement | undefined;
  createEffect(() => {
    path();
    setOpen(false);
  });
  return (
    <nav
      class="tabs"
      aria-label={t('nav.main')}
      onFocusOut={(e) => !e.currentTarget.contains(e.relatedTarget as Node | null) && setOpen(false)}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open()) {
          setOpen(false);
          button?.focus();
        }
      }}
    >
      {nav.map((n) => (
        <Link href={n.href} class="tab" current={path() === n.href}>
          <span aria-hidden="true" class="tab-icon">
            {n.icon}
          </span>
          <span>{t(n.key)}</span>
        </Link>
      ))}
      <button ref={button} type="button" class="tab" classList={{ current: more.some((n) => n.href === path()) }} aria-expanded={open()} aria-controls="more-menu" onClick={() => setOpen(!open())}>
        <span aria-hidden="true" class="tab-icon">
          ≡
        </span>
        <span>{t('nav.more')}</span>
      </button>
      {/* After its button, so Tab goes on from "Meer" into it (it shows above the bar). */}
      <ul id="more-menu" class="more-menu" hidden={!open()}>
        {more.map((n) => (
          <li>
            <Link href={n.href} current={path() === n.href}>
              <span aria-hidden="true" class="tab-icon">
                {n.icon}
              </span>
              <span>{t(n.key)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function App() {
  const path = () => url().pathname;
  return (
    <Show when={ready()} fallback={<p class="loading">{t('status.loading')}</p>}>
      {/* Inside the banner, so every piece of the page is in a landmark; named for where it goes, not like the menu. */}
      <header class="top">
        <a class="skip" href="#main">
          {t('nav.skip')}
        </a>
        <span class="brand" aria-hidden="true">
          ◉
        </span>
        <span class="title">{t('app.name')}</span>
        <Show when={me()}>
          <Show when={me()!.roles.some((r) => r === 'receptionist' || r === 'admin')}>
            <Link href="/receptie" class="top-link" current={path() === '/receptie'}>
              {t('nav.reception')}
            </Link>
          </Show>
          <Show when={me()!.roles.some((r) => r === 'manager' || r === 'admin')}>
            <Link href="/team" class="top-link" current={path() === '/team'}>
              {t('nav.team')}
            </Link>
          </Show>
          <Show when={me()!.roles.some((r) => r === 'facility' || r === 'admin')}>
            <Link href="/beheer" class="top-link" current={path().startsWith('/beheer')}>
              {t('nav.manage')}
            </Link>
          </Show>
          <Link href="/bezoekers" class="top-link" current={path() === '/bezoekers'}>
            {t('nav.guests')}
            <Show when={unreadNotifications() > 0}>
              <span class="nav-count" data-testid="unread-count">
                <span aria-hidden="true">{unreadNotifications()}</span>
                <span class="sr-only">{t('guests.unread', { n: unreadNotifications() })}</span>
              </span>
            </Show>
          </Link>
          <Link href="/instellingen" class="top-link" current={path() === '/instellingen'}>
            {t('nav.settings')}
          </Link>
        </Show>
      </header>
      {/* The app's own state (offline, waiting changes, a notice, an update) in a landmark of its own:
          between the banner and main it would be outside any (IBM Equal Access: aria_content_in_landmark). */}
      <Show when={!online() || outbox().length > 0 || toast() || updateReady()}>
        <section aria-label={t('status.region')}>
          <Show when={!online()}>
            <p class="banner banner-offline" role="status">
              <span aria-hidden="true">⚠ </span>
              {t('status.offline')}
            </p>
          </Show>
          <Show when={outbox().length > 0}>
            <p class="banner banner-pending" role="status" data-testid="pending-count">
              <span aria-hidden="true">⇅ </span>
              {t('status.pendingCount', { n: outbox().length })}
            </p>
          </Show>
          <Show when={toast()}>
            <div class="toast" role="alert">
              <span>
                <span aria-hidden="true">☺ </span>
                {notificationText(toast()!)}
              </span>
              <button type="button" class="button small" onClick={dismissToast}>
                {t('action.dismiss')}
              </button>
            </div>
          </Show>
          <Show when={updateReady()}>
            <div class="banner banner-update" role="status">
              <span>{t('update.available')}</span>
              <button type="button" class="button small" onClick={() => updateReady()?.()}>
                {t('update.reload')}
              </button>
            </div>
          </Show>
        </section>
      </Show>
      <main id="main" tabindex="-1">
        <Show
          when={me()}
          fallback={
            <Suspense fallback={<p class="loading">{t('status.loading')}</p>}>
              <Login />
            </Suspense>
          }
        >
          <Suspense fallback={<p class="loading">{t('status.loading')}</p>}>
            <Switch fallback={<Home />}>
              <Match when={path() === '/reserveren'}>
                <Reserve />
              </Match>
              <Match when={path() === '/herhalen'}>
                <Series />
              </Match>
              <Match when={path() === '/wijzigen'}>
                <Change />
              </Match>
              <Match when={path() === '/scannen'}>
                <Scan />
              </Match>
              <Match when={path().startsWith('/s/')}>
                <Space />
              </Match>
              <Match when={path() === '/pas'}>
                <Pass />
              </Match>
              <Match when={path() === '/collegas'}>
                <Colleagues />
              </Match>
              <Match when={path() === '/instellingen'}>
                <Settings />
              </Match>
              <Match when={path() === '/beheer'}>
                <Occupancy />
              </Match>
              <Match when={path() === '/beheer/gebouwen'}>
                <Buildings />
              </Match>
              <Match when={path() === '/beheer/plattegronden'}>
                <FloorPlans />
              </Match>
              <Match when={path() === '/beheer/gebruikers'}>
                <Users />
              </Match>
              <Match when={path() === '/beheer/audit'}>
                <Audit />
              </Match>
              <Match when={path() === '/team'}>
                <Team />
              </Match>
              <Match when={path() === '/beheer/kiosks'}>
                <Kiosks />
              </Match>
              <Match when={path() === '/beheer/labels'}>
                <Labels />
              </Match>
              <Match when={path() === '/werkdagen'}>
                <Ticks />
              </Match>
              <Match when={path() === '/hr'}>
                <HrExport />
              </Match>
              <Match when={path() === '/bezoekers'}>
                <Guests />
              </Match>
              <Match when={path() === '/receptie'}>
                <Reception />
              </Match>
              <Match when={path().startsWith('/receptie/badge/')}>
                <BadgePage />
              </Match>
              <Match when={path() === '/receptie/nood'}>
                <EmergencyPage />
              </Match>
            </Switch>
          </Suspense>
        </Show>
      </main>
      <Show when={me()}>
        <Tabs />
      </Show>
    </Show>
  );
}
