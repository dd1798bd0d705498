import { Show } from 'solid-js';
import type { ReservationDto } from '../shared/api.js';
import { dayOf, t, timeOf } from '../client/i18n.js';
import { linkClick } from './router.js';

/* The ways into the series and change screens, from the reservation screen and a reservation's card. */

/** "Wijzigen" on a reservation that is still to come or under way. */
export function ChangeLink(props: { r: ReservationDto }) {
  // The name starts with the visible word, so "klik Wijzigen" by voice finds it (axe: label-content-name-mismatch).
  const label = () => t('change.linkLabel', { what: `${props.r.spaceCode} ${dayOf(props.r.start)} ${timeOf(props.r.start)}–${timeOf(props.r.end)}` });
  return (
    <Show when={props.r.state === 'booked' || props.r.state === 'checked_in'}>
      <a class="link-action" href={`/wijzigen?id=${props.r.id}`} onClick={linkClick} aria-label={label()}>
        {t('change.link')}
      </a>
    </Show>
  );
}

/** "Herhalen": the same place on fixed days, from the reservation screen. */
export function SeriesLink(props: { locationId: number | null }) {
  return (
    <p>
      <a class="link-action" href={`/herhalen${props.locationId ? `?location=${props.locationId}` : ''}`} onClick={linkClick}>
        {t('series.link')}
      </a>
    </p>
  );
}
