import { mutations, type RawRequest } from '../shared/api-client.js';
import { t } from '../client/i18n.js';

/**
 * A kiosk action as data: a button, a scan or a shortcut can run the same one, and whether it
 * is offered is decided in one place instead of in the markup around each button.
 */
export interface KioskCommand {
  name: string;
  label: () => string;
  /** The request it sends; the screen sends every command the same way (`run` below). */
  perform: () => RawRequest;
  isEnabled: () => boolean;
  /** The main action of its screen, drawn as the prominent button. */
  primary?: boolean;
}

type Meeting = { state: 'booked' | 'checked_in' | 'completed' | 'cancelled' | 'no_show' } | null;

/** The room display's actions, in the order they are shown, given the meeting that is on now. */
export function roomCommands(current: () => Meeting): KioskCommand[] {
  const book = (minutes: 15 | 30 | 60): KioskCommand => ({
    name: `room.book.${minutes}`,
    label: () => t('room.bookNow', { n: minutes }),
    perform: () => mutations.roomBook(minutes),
    isEnabled: () => !current(),
    primary: true,
  });
  return [
    book(15),
    book(30),
    book(60),
    { name: 'room.checkIn', label: () => t('room.checkIn'), perform: () => mutations.roomCheckIn(), isEnabled: () => current()?.state === 'booked', primary: true },
    { name: 'room.end', label: () => t('room.endEarly'), perform: () => mutations.roomEnd(), isEnabled: () => !!current() },
  ];
}
