import { mutations, type RawRequest } from '../shared/api-client.js';
import { t, timeOf } from '../client/i18n.js';
import { ROOM_BOOK_MINUTES, roomBookOptions, type RoomBookMinutes } from '../shared/room-display.js';

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
  /** A question to answer first, for an action that cannot be undone; and the button that says yes. */
  confirm?: () => string;
  confirmLabel?: () => string;
}

type Meeting = { state: 'booked' | 'checked_in' | 'completed' | 'cancelled' | 'no_show'; start: string; end: string } | null;

/**
 * The room display's actions, in the order they are shown, given the meeting on now, the next
 * one and the clock: "nu boeken" only for what fits before the next meeting (roomBookOptions,
 * the rule the server applies too), or up to it ("tot 20:04"); none on a day the location is
 * closed (`closed`), which the server refuses.
 */
export function roomCommands(current: () => Meeting, next: () => Meeting, now: () => number, closed: () => boolean = () => false): KioskCommand[] {
  const options = () => (current() || closed() ? [] : roomBookOptions(now(), next() ? Date.parse(next()!.start) : null));
  const book = (minutes: RoomBookMinutes): KioskCommand => ({
    name: `room.book.${minutes}`,
    label: () => t('room.bookNow', { n: minutes }),
    perform: () => mutations.roomBook({ minutes }),
    isEnabled: () => options().some((o) => 'minutes' in o && o.minutes === minutes),
    primary: true,
  });
  return [
    ...ROOM_BOOK_MINUTES.map(book),
    {
      name: 'room.book.untilNext',
      label: () => t('room.bookUntil', { time: timeOf(next()!.start) }),
      perform: () => mutations.roomBook({ until: next()!.start }),
      isEnabled: () => options().some((o) => 'until' in o),
      primary: true,
    },
    { name: 'room.checkIn', label: () => t('room.checkIn'), perform: () => mutations.roomCheckIn(), isEnabled: () => current()?.state === 'booked', primary: true },
    {
      name: 'room.end',
      label: () => t('room.endEarly'),
      perform: () => mutations.roomEnd(),
      isEnabled: () => !!current(),
      // Beside the door anyone can tap it, mid-meeting: ask before the room is given away.
      confirm: () => t('room.endConfirm', { start: timeOf(current()!.start), end: timeOf(current()!.end) }),
      confirmLabel: () => t('room.endYes'),
    },
  ];
}
