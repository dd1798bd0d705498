import { Secret, TOTP, URI } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASSWORD } from '../../server/testing.js';
import { axeViolations, decodeQr, launch, startPlek, type Browser, type Plek } from './harness.js';

let plek: Plek;
let browser: Browser;
beforeEach(async () => {
  plek = await startPlek({ config: { twoFactorRoles: ['admin', 'facility'] } });
  browser = await launch();
});
afterEach(async () => {
  await browser.close();
  await plek.stop();
});

async function password(email: string) {
  const page = browser.page;
  await page.goto(plek.url + '/');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(PASSWORD);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

describe('two-factor sign-in in the app', () => {
  it('facility enrols an authenticator app from the QR code, keeps the recovery codes, and next time a wrong code is refused and a recovery code lets them in', async () => {
    const page = browser.page;
    await password('facility@test.nl');
    await page.getByRole('heading', { name: 'Tweestapsverificatie instellen' }).waitFor();
    // What the phone's authenticator app reads from the screen.
    const uri = decodeQr(await page.getByRole('img', { name: 'QR-code om je authenticator-app te koppelen' }).screenshot());
    const totp = URI.parse(uri) as TOTP;
    expect(totp.issuer).toBe('Plek');
    expect(totp.secret.base32).toBe(await page.getByTestId('totp-secret').innerText());
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Code uit je authenticator-app, of een herstelcode').fill(totp.generate());
    await page.getByRole('button', { name: 'Koppelen' }).click();
    const codes = page.getByTestId('recovery-codes').locator('li');
    await codes.first().waitFor();
    expect(await codes.count()).toBe(10);
    const recovery = await codes.nth(0).innerText();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ik heb ze bewaard' }).click();
    await page.getByRole('heading', { name: 'Vandaag en straks' }).waitFor();

    await page.getByRole('link', { name: 'Instellingen' }).click();
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await password('facility@test.nl');
    const field = page.getByLabel('Code uit je authenticator-app, of een herstelcode');
    await field.fill('000000' === totp.generate() ? '111111' : '000000');
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByText('Deze code klopt niet of is al gebruikt.').waitFor();
    await field.fill(recovery);
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByRole('heading', { name: 'Vandaag en straks' }).waitFor();
    const secret = plek.db.prepare("SELECT totp_secret FROM users WHERE email = 'facility@test.nl'").pluck().get() as string;
    expect(Secret.fromBase32(secret).base32).toBe(totp.secret.base32);
  });
});
