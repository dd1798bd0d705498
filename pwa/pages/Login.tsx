import { createSignal, Show } from 'solid-js';
import { t, te } from '../i18n.js';
import { online, signIn } from '../state.js';

export function Login() {
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    const res = await signIn(String(form.get('email')), String(form.get('password')));
    setBusy(false);
    setError(res.ok ? null : te(res.code));
  };
  return (
    <section class="card narrow">
      <h1>{t('login.title')}</h1>
      <p class="muted">{t('app.tagline')}</p>
      <form onSubmit={submit} class="stack">
        <label class="field">
          <span>{t('login.email')}</span>
          <input name="email" type="email" autocomplete="username" required />
        </label>
        <label class="field">
          <span>{t('login.password')}</span>
          <input name="password" type="password" autocomplete="current-password" required />
        </label>
        <div role="alert" class="error-region">
          <Show when={error()}>
            <p class="notice notice-error">
              <span aria-hidden="true">! </span>
              {error()}
            </p>
          </Show>
        </div>
        <Show when={!online()}>
          <p class="muted">{t('login.offline')}</p>
        </Show>
        <button class="button primary" type="submit" disabled={busy()}>
          {t('login.submit')}
        </button>
      </form>
    </section>
  );
}
