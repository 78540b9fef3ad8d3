"""The mail sink's server (started by .ci/mail-sink, which prepares its virtualenv)."""

import argparse
import asyncio
import email
import email.policy
import json
import os
import socket
import sys
from datetime import date, datetime, timezone

import icalendar
from aiosmtpd.smtp import SMTP

REJECTED_DOMAIN = "@reject.test"


def utc_text(value):
    """An iCalendar date-time as ISO UTC (`2026-12-01T14:00:00Z`); a floating time as is."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.isoformat()
        return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, date):
        return value.isoformat()
    return None


def text_of(prop):
    return None if prop is None else str(prop)


def parse_calendar(raw):
    """What a calendar app reads from the file: METHOD and the first event."""
    calendar = icalendar.Calendar.from_ical(raw)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    if not events:
        raise ValueError("no VEVENT in the calendar")
    event = events[0]
    sequence = event.get("SEQUENCE")
    return {
        "method": text_of(calendar.get("METHOD")),
        "uid": text_of(event.get("UID")),
        "sequence": None if sequence is None else int(sequence),
        "status": text_of(event.get("STATUS")),
        "dtstart": utc_text(event.decoded("DTSTART")) if "DTSTART" in event else None,
        "dtend": utc_text(event.decoded("DTEND")) if "DTEND" in event else None,
        "summary": text_of(event.get("SUMMARY")),
        "location": text_of(event.get("LOCATION")),
        "description": text_of(event.get("DESCRIPTION")),
        "organizer": text_of(event.get("ORGANIZER")),
    }


def describe(envelope):
    message = email.message_from_bytes(envelope.original_content or envelope.content,
                                       policy=email.policy.default)
    plain = message.get_body(("plain",))
    html = message.get_body(("html",))
    attachments = []
    calendar, calendar_error = None, None
    for part in message.walk():
        if part.is_multipart():
            continue
        if part.get_filename() or part.get_content_type() == "text/calendar":
            attachments.append({
                "filename": part.get_filename(),
                "content_type": str(part.get("Content-Type", "")),
            })
        if part.get_content_type() == "text/calendar" and calendar is None:
            try:
                calendar = parse_calendar(part.get_payload(decode=True))
            except Exception as error:  # a broken file is what the test wants to see
                calendar_error = f"{type(error).__name__}: {error}"
    return {
        "mail_from": envelope.mail_from,
        "rcpt_tos": list(envelope.rcpt_tos),
        "message_id": text_of(message.get("Message-ID")),
        "subject": text_of(message.get("Subject")),
        "to": text_of(message.get("To")),
        "from": text_of(message.get("From")),
        "text": plain.get_content() if plain is not None else None,
        "html": html.get_content() if html is not None else None,
        "attachments": attachments,
        "calendar": calendar,
        "calendar_error": calendar_error,
    }


class Sink:
    def __init__(self, directory):
        self.directory = directory
        # A sink restarted on the same folder goes on counting.
        numbers = [int(name.split(".")[0]) for name in os.listdir(directory)
                   if name.endswith(".eml") and name.split(".")[0].isdigit()]
        self.count = max(numbers, default=0)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().endswith(REJECTED_DOMAIN):
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        stem = os.path.join(self.directory, f"{self.count:05d}")
        with open(stem + ".eml", "wb") as eml:
            eml.write(envelope.original_content or envelope.content)
        try:
            described = describe(envelope)
        except Exception as error:
            described = {"error": f"{type(error).__name__}: {error}"}
        # Written whole, then renamed: a reader polling the folder never sees half a file.
        with open(stem + ".json.tmp", "w", encoding="utf-8") as out:
            json.dump(described, out, ensure_ascii=False, indent=1)
        os.replace(stem + ".json.tmp", stem + ".json")
        return "250 Message accepted for delivery"


async def main():
    parser = argparse.ArgumentParser(description="SMTP sink for Carebook's tests")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    # Our own socket: port 0 works, and SO_REUSEADDR lets a test stop the sink and start it
    # again on the same port (a mail server that comes back).
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    listener.listen(64)
    sink = Sink(args.dir)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(sink, hostname="mail-sink.test", enable_SMTPUTF8=True), sock=listener)
    print(f"listening on {listener.getsockname()[1]}", flush=True)
    # Until the test that started us closes our stdin (or dies).
    await loop.run_in_executor(None, sys.stdin.buffer.read)
    server.close()
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    asyncio.run(main())
