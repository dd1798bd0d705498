/**
 * An entrance kiosk whose camera does not work (none attached, or it cannot be opened): it says
 * what to do at the kiosk, in Dutch and in English, never the phone's "open the QR code with
 * your phone's camera app".
 */
import { afterEach, describe, expect, it } from 'vitest';
import { toActor } from '../../server/auth/auth.service.js';
import { axeViolations, clockAt, launch, startPlek, type Browser, type Plek } from './harness.js';

const shots = process.env.PLEK_SCREENSHOTS;
let plek: Plek;
const browsers: Browser[] = [];
afterEach(async () => {
  const problems = browsers.flatMap((b) => b.problems);
  await Promise.all(browsers.splice(0).map((b) => b.close()));
  await plek.stop();
  expect(problems).toEqual([]);
});

describe('an entrance kiosk without a camera', () => {
  it('tells staff to check in on their phone at the place or ask reception, and a visitor to search by surname or ask reception', async () => {
    plek = await startPlek({ clock: clockAt('10:00') });
    const { pairingCode } = plek.s.kiosks.create(toActor(plek.users.admin), { name: 'Ingang', locationId: plek.hub.id }, null);
    // Chromium started without a (fake) camera: opening one fails, as on a kiosk without one.
    const b = await launch();
    browsers.push(b);
    const kiosk = b.page;
    await b.context.clock.install({ time: plek.s.clock.now() });
    await kiosk.setViewportSize({ width: 1280, height: 800 });
    await kiosk.goto(`${plek.url}/kiosk`);
    await kiosk.getByLabel('Koppelcode').fill(pairingCode);
    await kiosk.getByRole('button', { name: 'Koppelen' }).click();

    await kiosk.getByRole('button', { name: 'Inchecken' }).click();
    await kiosk.getByText('De camera van deze kiosk werkt niet. Check in op je telefoon: scan in de Plek-app de QR-code op je werkplek of ruimte. Lukt dat niet, meld je dan bij de receptie.').waitFor();
    expect(await kiosk.locator('body').innerText()).not.toContain('camera-app van je telefoon');
    // No black box where no picture will come, and no "hold it before the camera" above it.
    expect(await kiosk.locator('video').isVisible()).toBe(false);
    expect(await kiosk.locator('body').innerText()).not.toContain('voor de camera');
    expect(await axeViolations(kiosk)).toEqual([]);
    if (shots) await kiosk.screenshot({ path: `${shots}/kiosk-no-camera-checkin.png` });
    await kiosk.getByRole('button', { name: 'Terug' }).click();

    await kiosk.getByRole('button', { name: 'Ik ben bezoeker' }).click();
    await kiosk.getByText('De camera van deze kiosk werkt niet. Zoek je bezoek op je achternaam, of meld je bij de receptie.').waitFor();
    // The way it points to is on the screen.
    await kiosk.getByLabel('Je achternaam').waitFor();
    expect(await kiosk.locator('body').innerText()).not.toContain('camera-app van je telefoon');
    expect(await kiosk.locator('body').innerText()).not.toContain('voor de camera');
    expect(await axeViolations(kiosk)).toEqual([]);
    if (shots) await kiosk.screenshot({ path: `${shots}/kiosk-no-camera-visitor.png` });
    await kiosk.getByRole('button', { name: 'Terug' }).click();

    await kiosk.getByRole('button', { name: 'English' }).click();
    await kiosk.getByRole('button', { name: 'Check in' }).click();
    await kiosk.getByText("This kiosk's camera is not working. Check in on your phone: in the Plek app, scan the QR code on your desk or room. If that does not work, ask at reception.").waitFor();
    await kiosk.getByRole('button', { name: 'Back' }).click();
    await kiosk.getByRole('button', { name: 'I am a visitor' }).click();
    await kiosk.getByText("This kiosk's camera is not working. Search for your visit by your surname, or ask at reception.").waitFor();
    expect(await kiosk.locator('body').innerText()).not.toContain("phone's camera app");
    expect(await axeViolations(kiosk)).toEqual([]);
  });
});
