#!/usr/bin/python3
"""Reads an iCalendar file on stdin with python3-icalendar (Debian's, as a calendar client
would) and prints its events as JSON: UID, STATUS, SEQUENCE, start and end in UTC, whether
DTSTAMP is time-zone aware, and the METHOD of the calendar. Used by the calendar tests."""
import json
import sys
from datetime import timezone

import icalendar

calendar = icalendar.Calendar.from_ical(sys.stdin.read())


def utc(prop):
    value = prop.dt
    if value.tzinfo is None:
        raise SystemExit(f"floating time {value!r}")
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


events = []
for event in calendar.walk("VEVENT"):
    stamp = event.get("DTSTAMP").dt
    events.append({
        "uid": str(event.get("UID")),
        "status": str(event.get("STATUS")),
        "sequence": int(event.get("SEQUENCE", 0)),
        "start": utc(event.get("DTSTART")),
        "end": utc(event.get("DTEND")),
        "stampAware": stamp.tzinfo is not None and stamp.utcoffset() is not None,
        "stamp": stamp.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") if stamp.tzinfo else str(stamp),
    })
print(json.dumps({"method": str(calendar.get("METHOD", "")), "timezones": [str(tz.get("TZID")) for tz in calendar.walk("VTIMEZONE")], "events": events}))
