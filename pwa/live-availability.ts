/**
 * The live availability of a location while a screen shows it: the same event stream the
 * kiosk board follows (/api/v1/events), so another person's booking or release shows within
 * moments. The browser reconnects by itself after a dropped connection; `ready` after a
 * reconnect is a change too, since events may have been missed meanwhile.
 */
import { apiUrls } from '../shared/api-client.js';

export function followLocation(locationId: number, changed: () => void): () => void {
  const stream = new EventSource(apiUrls.kioskEvents(locationId));
  let first = true;
  stream.addEventListener('ready', () => {
    if (!first) changed();
    first = false;
  });
  stream.addEventListener('availability', () => changed());
  return () => stream.close();
}
