#!/usr/bin/env python3
"""An rtdcs real-time data partner in plain Python 3 (standard library only).

It connects to an rtdcs node's TCP event-bus bridge, registers a consumer on
``dcs.partner.<dpid>`` with its token, and answers each lookup
``{uuid, dpuuid, signals, tmax, tid}`` with ``{"segments": [...], "ttl": 600}``
taken from a small table. When the node goes away it reconnects with backoff.

Wire format of the bridge: every frame is a 4-byte big-endian length followed
by that many bytes of UTF-8 JSON.

    python3 partner.py --port 7000 --dpid 9101   # token in RTDCS_PARTNER_TOKEN
"""

import argparse
import json
import logging
import os
import random
import signal
import socket
import struct
import sys
import time

LOG = logging.getLogger("python-partner")

# signal key -> signal value -> segments of ours. A visitor gets the union.
DEFAULT_TABLE = {
    "c_category": {
        "shoes": ["py-shoe-lover"],
        "sports": ["py-athlete"],
        "travel": ["py-traveller"],
    },
    "c_brand": {
        "acme": ["py-acme-fan"],
    },
}
DEFAULT_TTL = 600
MAX_FRAME_BYTES = 1 << 20
INITIAL_BACKOFF_S = 0.5
MAX_BACKOFF_S = 10.0


class Refused(Exception):
    """The node refused our registration (wrong dpid or token): retrying will not help."""


def encode_frame(message):
    data = json.dumps(message, separators=(",", ":")).encode("utf-8")
    return struct.pack(">I", len(data)) + data


class FrameReader:
    """Cuts a byte stream into JSON frames."""

    def __init__(self):
        self._buffer = b""

    def feed(self, data):
        self._buffer += data
        frames = []
        while len(self._buffer) >= 4:
            (length,) = struct.unpack(">I", self._buffer[:4])
            if length > MAX_FRAME_BYTES:
                raise ConnectionError("frame of %d bytes is over the %d cap" % (length, MAX_FRAME_BYTES))
            if len(self._buffer) < 4 + length:
                break
            payload = self._buffer[4 : 4 + length]
            self._buffer = self._buffer[4 + length :]
            frames.append(json.loads(payload.decode("utf-8")))
        return frames


def lookup(request, table, ttl):
    """Our answer to one lookup: the segments the table gives for the visitor's signals."""
    if not isinstance(request, dict):
        raise ValueError("request body must be a JSON object")
    signals = request.get("signals") or {}
    if not isinstance(signals, dict):
        raise ValueError("signals must be an object")
    segments = []
    for key, values_to_segments in table.items():
        for value in signals.get(key) or []:
            for segment in values_to_segments.get(value, []):
                if segment not in segments:
                    segments.append(segment)
    return {"segments": segments, "ttl": ttl}


class Partner:
    def __init__(self, host, port, dpid, token, table, ttl, ping_interval):
        self.host = host
        self.port = port
        self.address = "dcs.partner.%d" % dpid
        self.token = token
        self.table = table
        self.ttl = ttl
        self.ping_interval = ping_interval
        self.answered = 0

    def run_forever(self):
        """Connects, serves, and reconnects with exponential backoff (with jitter) until stopped."""
        backoff = INITIAL_BACKOFF_S
        while True:
            registered = False
            try:
                with socket.create_connection((self.host, self.port), timeout=5) as sock:
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    registered = self.serve(sock)
            except Refused:
                raise
            except (OSError, ValueError) as e:
                LOG.warning("bridge %s:%d: %s", self.host, self.port, e or type(e).__name__)
            if registered:
                backoff = INITIAL_BACKOFF_S
            delay = backoff * random.uniform(0.8, 1.2)
            LOG.info("reconnecting in %.1f s", delay)
            time.sleep(delay)
            backoff = min(backoff * 2, MAX_BACKOFF_S)

    def serve(self, sock):
        """One connection: register, then answer lookups and ping until the connection ends."""
        reader = FrameReader()
        registered = False
        sock.settimeout(self.ping_interval)
        sock.sendall(
            encode_frame({"type": "register", "address": self.address, "headers": {"token": self.token}})
        )
        # frames are handled in order: a pong before any error means the registration was accepted
        sock.sendall(encode_frame({"type": "ping"}))
        last_heard = time.monotonic()
        try:
            while True:
                try:
                    data = sock.recv(65536)
                except socket.timeout:
                    if time.monotonic() - last_heard > 3 * self.ping_interval:
                        raise ConnectionError("no answer to pings, connection presumed dead")
                    sock.sendall(encode_frame({"type": "ping"}))
                    continue
                if not data:
                    raise ConnectionError("closed by the node")
                last_heard = time.monotonic()
                for frame in reader.feed(data):
                    kind = frame.get("type")
                    if kind == "pong":
                        if not registered:
                            registered = True
                            LOG.info("registered on %s at %s:%d", self.address, self.host, self.port)
                    elif kind == "message":
                        self.answer(sock, frame)
                    elif kind == "err":
                        if not registered:
                            raise Refused(
                                "registration on %s refused (%s): check --dpid and the token;"
                                " the node's log says why" % (self.address, frame.get("message"))
                            )
                        LOG.warning("node says: %s", frame.get("message"))
        except ConnectionError as e:
            LOG.warning("connection lost: %s", e)
        return registered

    def answer(self, sock, frame):
        reply_to = frame.get("replyAddress")
        if reply_to is None:
            return  # not a request: nothing to answer
        try:
            reply = {"type": "send", "address": reply_to, "body": lookup(frame.get("body"), self.table, self.ttl)}
        except ValueError as e:
            # a failure reply: rtdcs reports the partner's outcome as "error"
            reply = {"type": "send", "address": reply_to, "failureCode": 400, "message": str(e)}
        # always reply, even late: rtdcs drops a late reply, and the node frees the pending request
        sock.sendall(encode_frame(reply))
        self.answered += 1


def load_table(path):
    if path is None:
        return DEFAULT_TABLE
    with open(path, encoding="utf-8") as f:
        table = json.load(f)
    if not isinstance(table, dict) or not all(isinstance(v, dict) for v in table.values()):
        raise SystemExit("--table: expected {\"<signal key>\": {\"<value>\": [\"segment\", ...]}}")
    return table


def main(argv=None):
    parser = argparse.ArgumentParser(description="rtdcs partner over the TCP event-bus bridge")
    parser.add_argument("--host", default="127.0.0.1", help="node's bridge host (127.0.0.1)")
    parser.add_argument("--port", type=int, default=7000, help="node's bridge port (7000)")
    parser.add_argument("--dpid", type=int, default=9101, help="our partner id (9101)")
    parser.add_argument(
        "--token",
        default=os.environ.get("RTDCS_PARTNER_TOKEN"),
        help="our bridge token (default: $RTDCS_PARTNER_TOKEN)",
    )
    parser.add_argument("--table", help="JSON file {signal key: {value: [segments]}}")
    parser.add_argument("--ttl", type=int, default=DEFAULT_TTL, help="seconds rtdcs may cache an answer")
    parser.add_argument("--ping-interval", type=float, default=5.0, help="seconds between pings when idle")
    args = parser.parse_args(argv)
    if not args.token:
        parser.error("a token is required: --token or RTDCS_PARTNER_TOKEN")

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    signal.signal(signal.SIGTERM, _interrupt)
    partner = Partner(
        args.host, args.port, args.dpid, args.token, load_table(args.table), args.ttl, args.ping_interval
    )
    try:
        partner.run_forever()
    except Refused as e:
        LOG.error("%s", e)
        return 2
    except KeyboardInterrupt:
        LOG.info("stopped after answering %d lookups", partner.answered)
    return 0


def _interrupt(signum, frame):
    raise KeyboardInterrupt()


if __name__ == "__main__":
    sys.exit(main())
