// The fan-out scenario of bench/live.mjs against an XMPP server (Prosody's multi-user chat), for
// bench/peer: 10 rooms with 10 connected occupants each; one message every 10 ms across the
// rooms for 10 s; latency from sending a message to each occupant receiving it (the sender's own
// echo included, as a Musubi poster's own connection gets the event too).
// Plain c2s on loopback with SASL ANONYMOUS: the client speaks just enough XMPP for that.
// Usage: node bench/xmpp_fanout.mjs PORT DOMAIN ROOM_DOMAIN
// Prints one line: RESULT p50_ms p99_ms deliveries messages
import net from 'node:net';

const [port, domain, roomDomain] = process.argv.slice(2);
const ROOMS = 10;
const OCCUPANTS = 10;
const RATE = 100;
const SECONDS = 10;
const percentile = (xs, p) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

class Occupant {
  constructor() {
    this.buffer = '';
    this.waiters = [];
    this.onBody = () => {};
  }

  connect() {
    return new Promise((resolve, reject) => {
      this.socket = net.connect(Number(port), '127.0.0.1', resolve);
      this.socket.setNoDelay(true);
      this.socket.on('error', reject);
      this.socket.on('data', (data) => this.received(String(data)));
    });
  }

  received(text) {
    this.buffer += text;
    // Message bodies are sequence numbers; deliver each complete one as it arrives.
    for (;;) {
      const m = /<body>(\d+)<\/body>/.exec(this.buffer);
      if (!m) break;
      this.onBody(Number(m[1]));
      this.buffer = this.buffer.slice(m.index + m[0].length);
    }
    this.waiters = this.waiters.filter(({ pattern, resolve }) => {
      const m = pattern.exec(this.buffer);
      if (!m) return true;
      this.buffer = this.buffer.slice(m.index + m[0].length);
      resolve(m);
      return false;
    });
    if (this.buffer.length > 65536 && this.waiters.length === 0) this.buffer = this.buffer.slice(-4096);
  }

  until(pattern, what) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`XMPP: no ${what} within 10 s`)), 10000);
      this.waiters.push({ pattern, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      this.received('');
    });
  }

  send(xml) {
    this.socket.write(xml);
  }

  async openStream() {
    this.send(`<?xml version='1.0'?><stream:stream to='${domain}' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`);
    await this.until(/<\/stream:features>/, 'stream features');
  }

  async join(room, nick) {
    await this.connect();
    await this.openStream();
    this.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='ANONYMOUS'/>");
    await this.until(/<success[^>]*(\/>|>[\s\S]*?<\/success>)/, 'SASL success');
    await this.openStream();
    this.send("<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");
    await this.until(/<iq[^>]*id='bind'[\s\S]*?<\/iq>/, 'resource binding');
    this.room = `${room}@${roomDomain}`;
    this.send(`<presence to='${this.room}/${nick}'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>`);
    await this.until(/code=['"]110['"]/, 'room join');
  }
}

const arrivals = new Map(); // sequence number → [arrival times]
const rooms = [];
for (let r = 0; r < ROOMS; r++) {
  const occupants = [];
  for (let i = 0; i < OCCUPANTS; i++) {
    const o = new Occupant();
    await o.join(`team${r}`, `member${i}`);
    o.onBody = (seq) => {
      if (!arrivals.has(seq)) arrivals.set(seq, []);
      arrivals.get(seq).push(performance.now());
    };
    occupants.push(o);
  }
  rooms.push(occupants);
}

const sent = new Map();
const started = performance.now();
for (let i = 0; i < RATE * SECONDS; i++) {
  const due = started + (i * 1000) / RATE;
  const wait = due - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  const sender = rooms[i % ROOMS][0];
  sent.set(i, performance.now());
  sender.send(`<message to='${sender.room}' type='groupchat'><body>${i}</body></message>`);
}
await new Promise((r) => setTimeout(r, 2000));
const latencies = [];
for (const [seq, t0] of sent) for (const t of arrivals.get(seq) ?? []) latencies.push(t - t0);
latencies.sort((a, b) => a - b);
for (const occupants of rooms) for (const o of occupants) o.socket.destroy();
console.log(`RESULT ${percentile(latencies, 50).toFixed(1)} ${percentile(latencies, 99).toFixed(1)} ${latencies.length} ${sent.size}`);
process.exit(0);
