import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import { TOTP, Secret } from 'otpauth';
import QRCode from 'qrcode';
import { t } from '../../client/i18n.js';
import { me, pass } from '../state.js';

/** What the pass QR carries: who, and a code only their phone can make right now. */
export const passText = (userId: number, code: string) => `PLEK-PASS:${userId}:${code}`;

/** My pass: a QR code from a TOTP secret stored on the phone, so it works without network. */
export default function Pass() {
  const [image, setImage] = createSignal<string | null>(null);
  const [code, setCode] = createSignal('');
  let timer: ReturnType<typeof setInterval> | undefined;

  const render = async () => {
    const p = pass();
    if (!p) return;
    const totp = new TOTP({ secret: Secret.fromBase32(p.secret), period: p.period, digits: p.digits, algorithm: p.algorithm });
    const now = totp.generate();
    if (now === code()) return;
    setCode(now);
    setImage(await QRCode.toDataURL(passText(p.userId, now), { errorCorrectionLevel: 'M', margin: 2, scale: 10, color: { dark: '#000000', light: '#ffffff' } }));
  };
  onMount(() => {
    void render();
    timer = setInterval(() => void render(), 1000);
  });
  onCleanup(() => clearInterval(timer));

  return (
    <section class="pass">
      <h1>{t('pass.title')}</h1>
      <Show when={pass()} fallback={<p>{t('pass.unavailable')}</p>}>
        <div class="pass-card">
          <p class="pass-name">{me()?.name}</p>
          <Show when={image()}>
            <img class="pass-qr" src={image()!} alt={t('pass.code', { code: code() })} width="320" height="320" />
          </Show>
          <p class="pass-code" aria-hidden="true">
            {code()}
          </p>
        </div>
        <p>{t('pass.hint')}</p>
      </Show>
    </section>
  );
}
