import type { Language } from '../../shared/i18n.js';
import type { SpaceKind } from '../../shared/types.js';

/**
 * The mails' words, in Dutch and English, and their plain-text and HTML forms. Everything a
 * template shows is passed in already looked up: templates read nothing and decide nothing.
 */

export interface Place {
  spaceKind: SpaceKind;
  spaceCode: string;
  spaceName: string;
  locationName: string;
  timezone: string;
  start: number;
  end: number;
}

const kindNames: Record<Language, Record<SpaceKind, string>> = {
  nl: { desk: 'Werkplek', focus: 'Focusruimte', call: 'Belcel', meeting: 'Vergaderruimte', multi: 'Ruimte' },
  en: { desk: 'Desk', focus: 'Focus room', call: 'Call booth', meeting: 'Meeting room', multi: 'Room' },
};

const locales: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

export function dayOf(lang: Language, ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat(locales[lang], { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(ms);
}

export function timeOf(lang: Language, ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat(locales[lang], { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
}

const when = (lang: Language, p: Place) => `${dayOf(lang, p.start, p.timezone)}, ${timeOf(lang, p.start, p.timezone)}–${timeOf(lang, p.end, p.timezone)}`;
const what = (lang: Language, p: Place) => `${kindNames[lang][p.spaceKind]} ${p.spaceCode}`;
export const summaryOf = (lang: Language, p: Place) => `${what(lang, p)} – ${p.locationName}`;

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A mail's content before it becomes text and HTML: a heading, lines, a table of facts. */
interface Draft {
  lang: Language | 'nl+en';
  subject: string;
  heading: string;
  intro: string[];
  facts: [string, string][];
  /** Set for the invitation: its QR as an inline image. */
  image?: { cid: string; alt: string };
  outro: string[];
  footer: string;
}

function render(d: Draft): { subject: string; text: string; html: string } {
  const width = Math.max(...d.facts.map(([k]) => k.length), 0) + 2;
  const text = [
    d.heading,
    '',
    ...d.intro,
    ...(d.intro.length ? [''] : []),
    ...d.facts.map(([k, v]) => `${`${k}:`.padEnd(width)}${v}`),
    '',
    ...d.outro,
    ...(d.outro.length ? [''] : []),
    '-- ',
    d.footer,
  ].join('\n');
  const p = (s: string) => `<p style="margin:0 0 12px">${esc(s)}</p>`;
  const html = `<!doctype html>
<html lang="${d.lang === 'en' ? 'en' : 'nl'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(d.subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;font-family:Segoe UI,Arial,sans-serif;color:#1f2937">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:6px">
<tr><td style="background:#1d4f91;color:#ffffff;padding:16px 24px;font-size:20px;font-weight:bold;border-radius:6px 6px 0 0">Plek</td></tr>
<tr><td style="padding:24px;font-size:16px;line-height:1.5">
<h1 style="font-size:22px;margin:0 0 16px;color:#111827">${esc(d.heading)}</h1>
${d.intro.map(p).join('\n')}
<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 16px;font-size:16px">
${d.facts.map(([k, v]) => `<tr><th align="left" style="padding:4px 16px 4px 0;color:#4b5563;font-weight:normal;vertical-align:top">${esc(k)}</th><td style="padding:4px 0;font-weight:bold">${esc(v)}</td></tr>`).join('\n')}
</table>
${d.image ? `<p style="margin:0 0 12px"><img src="cid:${esc(d.image.cid)}" width="200" height="200" alt="${esc(d.image.alt)}" style="display:block"></p>` : ''}
${d.outro.map(p).join('\n')}
</td></tr>
<!--plek-link-->
<tr><td style="padding:16px 24px;font-size:13px;color:#4b5563;border-top:1px solid #e5e7eb">${esc(d.footer)}</td></tr>
</table></td></tr></table>
</body>
</html>
`;
  return { subject: d.subject, text, html };
}

/** A link to Plek (PLEK_PUBLIC_URL) under a staff member's mail, in text and HTML. */
export function withPlekLink<M extends { text: string; html: string }>(m: M, lang: Language, url: string): M {
  const label = lang === 'nl' ? 'Naar Plek' : 'Open Plek';
  return {
    ...m,
    text: m.text.replace('\n-- \n', `\n${label}: ${url}\n\n-- \n`),
    html: m.html.replace(
      '<!--plek-link-->',
      `<tr><td style="padding:0 24px 24px"><a href="${esc(url)}" style="display:inline-block;background:#1d4f91;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:bold">${label}</a></td></tr>`,
    ),
  };
}

const footers = {
  nl: 'Deze e-mail komt van Plek, het reserveringssysteem van de gemeente. Bevestigingen en herinneringen zet je uit in Plek onder Instellingen.',
  en: "This e-mail comes from Plek, the municipality's reservation system. Switch confirmations and reminders off in Plek under Settings.",
};

const placeFacts = (lang: Language, p: Place): [string, string][] =>
  lang === 'nl'
    ? [
        ['Plek', `${p.spaceName} (${p.spaceCode})`],
        ['Locatie', p.locationName],
        ['Wanneer', when(lang, p)],
      ]
    : [
        ['Space', `${p.spaceName} (${p.spaceCode})`],
        ['Location', p.locationName],
        ['When', when(lang, p)],
      ];

/** "Your booking is confirmed", optionally made by a manager for their team member. */
export function confirmation(lang: Language, p: Place, checkInBy: number, bookedBy: string | null) {
  const deadline = timeOf(lang, checkInBy, p.timezone);
  const nl = lang === 'nl';
  return render({
    lang,
    subject: nl ? `Bevestiging: ${what(lang, p)}, ${when(lang, p)}` : `Confirmed: ${what(lang, p)}, ${when(lang, p)}`,
    heading: nl ? 'Je reservering staat' : 'Your reservation is confirmed',
    intro: bookedBy
      ? [nl ? `${bookedBy} heeft deze plek voor je gereserveerd.` : `${bookedBy} reserved this space for you.`]
      : [],
    facts: placeFacts(lang, p),
    outro: [
      nl ? `Check in voor ${deadline} met de QR-code op de plek, anders komt je plek vrij.` : `Check in before ${deadline} with the QR code on the space, or it is released.`,
      nl ? 'De afspraak staat in de bijlage; je agenda kan hem overnemen.' : 'The appointment is attached; your calendar can add it.',
    ],
    footer: footers[lang],
  });
}

export type CancelReason = 'cancelled' | 'released' | 'retired';

export function cancellation(lang: Language, p: Place, reason: CancelReason) {
  const nl = lang === 'nl';
  const why = {
    cancelled: nl ? 'Je reservering is geannuleerd.' : 'Your reservation was cancelled.',
    released: nl ? 'Je bent niet op tijd ingecheckt, dus de plek is vrijgegeven.' : 'You did not check in in time, so the space was released.',
    retired: nl ? 'Deze plek is buiten gebruik genomen; je reservering is vervallen. Reserveer gerust een andere plek.' : 'This space was taken out of use; your reservation lapsed. Feel free to reserve another one.',
  }[reason];
  return render({
    lang,
    subject: nl ? `Vervallen: ${what(lang, p)}, ${when(lang, p)}` : `Cancelled: ${what(lang, p)}, ${when(lang, p)}`,
    heading: nl ? 'Reservering vervallen' : 'Reservation cancelled',
    intro: [why],
    facts: placeFacts(lang, p),
    outro: [nl ? 'Je agenda haalt de afspraak weg.' : 'Your calendar removes the appointment.'],
    footer: footers[lang],
  });
}

export function reminder(lang: Language, p: Place, checkInBy: number) {
  const nl = lang === 'nl';
  const deadline = timeOf(lang, checkInBy, p.timezone);
  const line = nl ? `Check in voor ${deadline}, anders komt je plek vrij.` : `Check in before ${deadline}, or your space is released.`;
  return render({
    lang,
    subject: nl ? `Herinnering: check in voor ${deadline} (${what(lang, p)})` : `Reminder: check in before ${deadline} (${what(lang, p)})`,
    heading: line,
    intro: [nl ? 'Scan de QR-code op de plek of je pas bij de kiosk.' : 'Scan the QR code on the space, or your pass at the kiosk.'],
    facts: placeFacts(lang, p),
    outro: [nl ? 'Kom je niet? Geef de plek dan vrij in Plek, dan kan een collega hem gebruiken.' : 'Not coming? Release it in Plek so a colleague can use it.'],
    footer: footers[lang],
  });
}

export function guestArrived(lang: Language, g: { name: string; organisation: string | null; locationName: string; timezone: string; at: number }) {
  const nl = lang === 'nl';
  const who = g.organisation ? `${g.name} (${g.organisation})` : g.name;
  return render({
    lang,
    subject: nl ? `Je gast ${g.name} is er` : `Your guest ${g.name} has arrived`,
    heading: nl ? `${who} is aangekomen` : `${who} has arrived`,
    intro: [nl ? 'Haal je gast op bij de receptie.' : 'Please collect your guest at reception.'],
    facts: nl
      ? [
          ['Locatie', g.locationName],
          ['Aangekomen', timeOf(lang, g.at, g.timezone)],
        ]
      : [
          ['Location', g.locationName],
          ['Arrived', timeOf(lang, g.at, g.timezone)],
        ],
    outro: [],
    footer: footers[lang],
  });
}

export const INVITE_QR_CID = 'invite-qr@plek';

/** To a guest, whose language Plek does not know: Dutch first, then English. */
export function guestInvitation(g: { name: string; hostName: string; locationName: string; address?: string | null; room: string | null; timezone: string; expectedAt: number; inviteCode: string }) {
  const day = (lang: Language) => `${dayOf(lang, g.expectedAt, g.timezone)}, ${timeOf(lang, g.expectedAt, g.timezone)}`;
  return render({
    lang: 'nl+en',
    subject: `Uitnodiging: ${g.locationName}, ${day('nl')} / Invitation`,
    heading: `Welkom, ${g.name} / Welcome`,
    intro: [
      `${g.hostName} verwacht je. Scan bij aankomst deze QR-code bij de kiosk in de entree, of noem je code bij de receptie.`,
      `${g.hostName} is expecting you. On arrival, scan this QR code at the kiosk in the entrance, or give your code at reception.`,
    ],
    facts: [
      ['Wanneer / When', `${day('nl')} / ${day('en')}`],
      ['Waar / Where', g.room ? `${g.locationName}, ${g.room}` : g.locationName],
      ...(g.address ? ([['Adres / Address', g.address]] as [string, string][]) : []),
      ['Gastheer / Host', g.hostName],
      ['Code', g.inviteCode],
    ],
    image: { cid: INVITE_QR_CID, alt: `QR-code ${g.inviteCode}` },
    outro: [],
    footer: 'Deze e-mail komt van Plek, namens de gemeente. / This e-mail comes from Plek, on behalf of the municipality.',
  });
}

/** What the calendar entry says, in the person's language. */
export function eventText(lang: Language, p: Place): { summary: string; location: string; description: string } {
  return {
    summary: summaryOf(lang, p),
    location: `${p.spaceName}, ${p.locationName}`,
    description: lang === 'nl' ? `Plek-reservering ${p.spaceCode}. Check in met de QR-code op de plek.` : `Plek reservation ${p.spaceCode}. Check in with the QR code on the space.`,
  };
}
