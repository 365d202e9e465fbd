#!/usr/bin/env node
// An rtdcs real-time data partner in plain Node.js (18 or later, no npm packages): the same as
// examples/python-partner/partner.py. It connects to a node's TCP event-bus bridge, registers on
// dcs.partner.<dpid> with its token, answers each lookup {uuid, dpuuid, signals, tmax, tid} with
// {"segments": [...], "ttl": 600} from a small table, and reconnects with backoff.
//
// Wire format: every frame is a 4-byte big-endian length, then that many bytes of UTF-8 JSON.
//
//   RTDCS_PARTNER_TOKEN=... node partner.js --port 7000 --dpid 9101
'use strict';

const net = require('node:net');
const fs = require('node:fs');
const { parseArgs } = require('node:util');

// signal key -> signal value -> segments of ours. A visitor gets the union.
const DEFAULT_TABLE = {
  c_category: { shoes: ['js-shoe-lover'], sports: ['js-athlete'], travel: ['js-traveller'] },
  c_brand: { acme: ['js-acme-fan'] },
};
const MAX_FRAME_BYTES = 1 << 20;
const INITIAL_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 10_000;

function log(level, message) {
  process.stderr.write(`${new Date().toISOString()} ${level} node-partner: ${message}\n`);
}

function encodeFrame(message) {
  const data = Buffer.from(JSON.stringify(message), 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(data.length, 0);
  return Buffer.concat([header, data]);
}

/** Cuts a byte stream into JSON frames. */
class FrameReader {
  constructor() {
    this.buffer = Buffer.alloc(0);
  }

  feed(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const frames = [];
    while (this.buffer.length >= 4) {
      const length = this.buffer.readUInt32BE(0);
      if (length > MAX_FRAME_BYTES) {
        throw new Error(`frame of ${length} bytes is over the ${MAX_FRAME_BYTES} cap`);
      }
      if (this.buffer.length < 4 + length) {
        break;
      }
      frames.push(JSON.parse(this.buffer.subarray(4, 4 + length).toString('utf8')));
      this.buffer = this.buffer.subarray(4 + length);
    }
    return frames;
  }
}

/** Our answer to one lookup: the segments the table gives for the visitor's signals. */
function lookup(request, table, ttl) {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    throw new Error('request body must be a JSON object');
  }
  const signals = request.signals || {};
  if (typeof signals !== 'object' || Array.isArray(signals)) {
    throw new Error('signals must be an object');
  }
  const segments = [];
  for (const [key, valuesToSegments] of Object.entries(table)) {
    for (const value of signals[key] || []) {
      for (const segment of valuesToSegments[value] || []) {
        if (!segments.includes(segment)) {
          segments.push(segment);
        }
      }
    }
  }
  return { segments, ttl };
}

class Partner {
  constructor({ host, port, dpid, token, table, ttl, pingIntervalMs }) {
    Object.assign(this, { host, port, token, table, ttl, pingIntervalMs });
    this.address = `dcs.partner.${dpid}`;
    this.backoffMs = INITIAL_BACKOFF_MS;
    this.answered = 0;
    this.stopping = false;
  }

  connect() {
    const socket = net.createConnection({ host: this.host, port: this.port });
    const reader = new FrameReader();
    let registered = false;
    let lastHeard = Date.now();
    let pinger = null;
    this.socket = socket;
    socket.setNoDelay(true);

    socket.on('connect', () => {
      socket.write(encodeFrame({ type: 'register', address: this.address, headers: { token: this.token } }));
      // frames are handled in order: a pong before any error means the registration was accepted
      socket.write(encodeFrame({ type: 'ping' }));
      pinger = setInterval(() => {
        if (Date.now() - lastHeard > 3 * this.pingIntervalMs) {
          log('WARNING', 'no answer to pings, connection presumed dead');
          socket.destroy();
        } else {
          socket.write(encodeFrame({ type: 'ping' }));
        }
      }, this.pingIntervalMs);
    });

    socket.on('data', (chunk) => {
      lastHeard = Date.now();
      let frames;
      try {
        frames = reader.feed(chunk);
      } catch (e) {
        log('WARNING', `bad data from the node: ${e.message}`);
        socket.destroy();
        return;
      }
      for (const frame of frames) {
        if (frame.type === 'pong' && !registered) {
          registered = true;
          this.backoffMs = INITIAL_BACKOFF_MS;
          log('INFO', `registered on ${this.address} at ${this.host}:${this.port}`);
        } else if (frame.type === 'message') {
          this.answer(socket, frame);
        } else if (frame.type === 'err') {
          if (!registered) {
            log('ERROR', `registration on ${this.address} refused (${frame.message}): check --dpid and the token; the node's log says why`);
            process.exit(2);
          }
          log('WARNING', `node says: ${frame.message}`);
        }
      }
    });

    socket.on('error', (e) => log('WARNING', `bridge ${this.host}:${this.port}: ${e.message}`));
    socket.on('close', () => {
      clearInterval(pinger);
      if (this.stopping) {
        return;
      }
      if (registered) {
        log('WARNING', 'connection lost: closed by the node');
      }
      const delay = this.backoffMs * (0.8 + 0.4 * Math.random());
      log('INFO', `reconnecting in ${(delay / 1000).toFixed(1)} s`);
      setTimeout(() => this.connect(), delay);
      this.backoffMs = Math.min(this.backoffMs * 2, MAX_BACKOFF_MS);
    });
  }

  answer(socket, frame) {
    if (frame.replyAddress === undefined) {
      return; // not a request: nothing to answer
    }
    let reply;
    try {
      reply = { type: 'send', address: frame.replyAddress, body: lookup(frame.body, this.table, this.ttl) };
    } catch (e) {
      // a failure reply: rtdcs reports the partner's outcome as "error"
      reply = { type: 'send', address: frame.replyAddress, failureCode: 400, message: e.message };
    }
    // always reply, even late: rtdcs drops a late reply, and the node frees the pending request
    socket.write(encodeFrame(reply));
    this.answered += 1;
  }

  stop() {
    this.stopping = true;
    log('INFO', `stopped after answering ${this.answered} lookups`);
    if (this.socket) {
      this.socket.end();
    }
    process.exit(0);
  }
}

function main() {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '7000' },
      dpid: { type: 'string', default: '9101' },
      token: { type: 'string', default: process.env.RTDCS_PARTNER_TOKEN || '' },
      table: { type: 'string' },
      ttl: { type: 'string', default: '600' },
      'ping-interval': { type: 'string', default: '5' },
    },
  });
  if (!values.token) {
    log('ERROR', 'a token is required: --token or RTDCS_PARTNER_TOKEN');
    process.exit(64);
  }
  const table = values.table ? JSON.parse(fs.readFileSync(values.table, 'utf8')) : DEFAULT_TABLE;
  const partner = new Partner({
    host: values.host,
    port: Number(values.port),
    dpid: Number(values.dpid),
    token: values.token,
    table,
    ttl: Number(values.ttl),
    pingIntervalMs: Number(values['ping-interval']) * 1000,
  });
  process.on('SIGTERM', () => partner.stop());
  process.on('SIGINT', () => partner.stop());
  partner.connect();
}

if (require.main === module) {
  main();
}

module.exports = { encodeFrame, FrameReader, lookup };
