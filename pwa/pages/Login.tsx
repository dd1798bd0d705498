import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import type { MeDto } from '../../shared/api.js';
import { apiUrls, type SecondFactorStep } from '../../shared/api-client.js';
import { t, te } from '../../client/i18n.js';
import { api, online, providerLogout, signedIn, signIn } from '../state.js';
import { Field } from '../../client/field.js';

type Step = { kind: 'password' } | { kind: 'code'; ticket: string } | { kind: 'enrol'; ticket: string; secret: string; qr: string } | { kind: 'recovery'; me: MeDto; codes: string[] };

/**
 * Sign-in: through the municipality's identity provider and/or with e-mail and password; for
 * admin and facility accounts then a code from an authenticator app (enrolled here the first
 * time, with recovery codes shown once).
 */
export function Login() {
  const [error, setError] = createSignal<string | null>(new URLSearchParams(location.search).has('loginError') ? te(new URLSearchParams(location.search).get('loginError')!) : null);
  const [busy, setBusy] = createSignal(false);
  const [step, setStep] = createSignal<Step>({ kind: 'password' });
  const [config] = createResource(async () => {
    const res = await api.authConfig();
    return res.ok ? res.data : { local: true, oidc: false };
  });

  const afterPassword = async (s: SecondFactorStep) => {
    if (s.secondFactor === 'code') return setStep({ kind: 'code', ticket: s.ticket });
    const { qrDataUrl } = await import('../../client/qr.js');
    setStep({ kind: 'enrol', ticket: s.ticket, secret: s.secret, qr: await qrDataUrl(s.otpauthUrl, { margin: 4, width: 264 }) });
  };

  const submitPassword = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    const res = await signIn(String(form.get('email')), String(form.get('password')));
    setBusy(false);
    setError(res.ok ? null : te(res.code));
    if (res.ok && 'secondFactor' in res.data) await afterPassword(res.data);
  };

  const submitCode = async (e: SubmitEvent) => {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget as HTMLFormElement).get('code'));
    const s = step();
    setBusy(true);
    if (s.kind === 'code') {
      const res = await api.secondFactor(s.ticket, code);
      setError(res.ok ? null : te(res.code));
      if (res.ok) await signedIn(res.data);
      else if (res.code === 'ticket_expired') setStep({ kind: 'password' });
    } else if (s.kind === 'enrol') {
      const res = await api.enrol(s.ticket, code);
      setError(res.ok ? null : te(res.code));
      if (res.ok) setStep({ kind: 'recovery', me: res.data.me, codes: res.data.recoveryCodes });
      else if (res.code === 'ticket_expired') setStep({ kind: 'password' });
    }
    setBusy(false);
  };

  const codeField = (hint: string) => (
    <Field label={hint}>
      <input name="code" inputmode="text" autocomplete="one-time-code" required minlength="6" maxlength="20" autofocus />
    </Field>
  );

  return (
    <section class="card narrow">
      <h1>{t('login.title')}</h1>
      <p class="muted">{t('app.tagline')}</p>
      <Show when={providerLogout()}>
        <p class="notice notice-info">
          {t('login.signedOut')}{' '}
          <a href={providerLogout()!}>{t('login.providerLogout')}</a>
        </p>
      </Show>
      <div role="alert" class="error-region">
        <Show when={error()}>
          <p class="notice notice-error">
            <span aria-hidden="true">! </span>
            {error()}
          </p>
        </Show>
      </div>
      <Switch>
        <Match when={step().kind === 'password'}>
          <Show when={config()?.oidc}>
            <a class="button primary big" href={apiUrls.oidcStart()}>
              {t('login.oidc')}
            </a>
          </Show>
          <Show when={config()?.local !== false}>
            <Show when={config()?.oidc}>
              <p class="muted">{t('login.orLocal')}</p>
            </Show>
            <form onSubmit={submitPassword} class="stack">
              <Field label={t('login.email')}>
                <input name="email" type="email" autocomplete="email" required />
              </Field>
              <Field label={t('login.password')}>
                <input name="password" type="password" autocomplete="current-password" required />
              </Field>
              <Show when={!online()}>
                <p class="muted">{t('login.offline')}</p>
              </Show>
              <button class={config()?.oidc ? 'button' : 'button primary'} type="submit" disabled={busy()}>
                {t('login.submit')}
              </button>
            </form>
          </Show>
        </Match>
        <Match when={step().kind === 'code'}>
          <form onSubmit={submitCode} class="stack">
            <p>{t('login.codeHint')}</p>
            {codeField(t('login.code'))}
            <button class="button primary" type="submit" disabled={busy()}>
              {t('login.confirm')}
            </button>
          </form>
        </Match>
        <Match when={step().kind === 'enrol' && (step() as Extract<Step, { kind: 'enrol' }>)}>
          {(s) => (
            <form onSubmit={submitCode} class="stack">
              <h2>{t('login.enrolTitle')}</h2>
              <p>{t('login.enrolHint')}</p>
              <img class="qr" src={s().qr} width="264" height="264" alt={t('login.enrolQr')} />
              <p>
                {t('login.enrolSecret')} <code data-testid="totp-secret">{s().secret}</code>
              </p>
              {codeField(t('login.code'))}
              <button class="button primary" type="submit" disabled={busy()}>
                {t('login.enrolConfirm')}
              </button>
            </form>
          )}
        </Match>
        <Match when={step().kind === 'recovery' && (step() as Extract<Step, { kind: 'recovery' }>)}>
          {(s) => (
            <div class="stack">
              <h2>{t('login.recoveryTitle')}</h2>
              <p>{t('login.recoveryHint')}</p>
              <ul class="plain recovery-codes" data-testid="recovery-codes">
                <For each={s().codes}>{(c) => <li><code>{c}</code></li>}</For>
              </ul>
              <button class="button primary" type="button" onClick={() => void signedIn(s().me)}>
                {t('login.recoveryDone')}
              </button>
            </div>
          )}
        </Match>
      </Switch>
    </section>
  );
}
