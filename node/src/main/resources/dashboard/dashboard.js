// rtdcs dashboard: polls /dashboard/data every second with the admin token and draws small canvas
// charts (no library, no CDN). State for tests and curious operators: window.rtdcsDashboard.
'use strict';
(function () {
  const WINDOW = 120; // seconds of history kept
  const OUTCOMES = ['ok', 'no-data', 'cached', 'timeout', 'error', 'circuit-open', 'skipped', 'unavailable'];
  const OUTCOME_COLORS = {
    'ok': '#2f855a', 'no-data': '#68d391', 'cached': '#63b3ed', 'timeout': '#d69e2e',
    'error': '#c53030', 'circuit-open': '#742a2a', 'skipped': '#a0aec0', 'unavailable': '#553c9a'
  };
  const PALETTE = ['#3182ce', '#dd6b20', '#38a169', '#805ad5', '#d53f8c', '#319795', '#b7791f', '#e53e3e'];
  const TOKEN_KEY = 'rtdcs.dashboard.token';

  const state = { polls: 0, errors: 0, events: [], partners: {}, rates: {}, last: null, history: [] };
  window.rtdcsDashboard = state;

  function $(id) { return document.getElementById(id); }

  function setStatus(s, text) {
    const el = $('status');
    el.dataset.state = s;
    el.textContent = text || s;
  }

  function token() { return sessionStorage.getItem(TOKEN_KEY); }

  function askToken(message) {
    setStatus('login', message);
    $('login').hidden = false;
    $('token').focus();
  }

  $('login').addEventListener('submit', function (e) {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $('token').value);
    $('token').value = '';
    $('login').hidden = true;
    setStatus('starting', 'connecting');
  });

  async function poll() {
    const t = token();
    if (!t) {
      askToken('admin token needed');
      return;
    }
    try {
      const res = await fetch('/dashboard/data', {
        headers: { 'Authorization': 'Bearer ' + t }, cache: 'no-store', credentials: 'omit'
      });
      if (res.status === 401) {
        sessionStorage.removeItem(TOKEN_KEY);
        askToken('wrong token');
        return;
      }
      if (!res.ok) throw new Error('HTTP ' + res.status);
      update(await res.json());
      state.polls++;
      setStatus('live', 'live');
    } catch (e) {
      state.errors++;
      setStatus('error', 'no data: ' + e.message);
    }
  }

  function rate(now, prev, f) {
    if (!prev) return 0;
    const dt = (now.time - prev.time) / 1000;
    if (dt <= 0) return 0;
    return Math.max(0, (f(now) - f(prev)) / dt);
  }

  function trim(points, now) {
    while (points.length && points[0].t < now - WINDOW * 1000) points.shift();
  }

  function update(d) {
    const prev = state.last;
    const t = d.time;
    state.events.push({ t: t, v: rate(d, prev, x => x.events.count || 0) });
    trim(state.events, t);
    // keep 5 s of snapshots for outcome rates
    state.history.push(d);
    while (state.history.length > 6) state.history.shift();
    const old = state.history[0];
    state.rates = {};
    for (const p of d.partners) {
      const key = String(p.dpid);
      const s = state.partners[key] || (state.partners[key] = { p50: [], p99: [] });
      if (p.latency && p.latency.p50Ms !== undefined) {
        s.p50.push({ t: t, v: p.latency.p50Ms });
        s.p99.push({ t: t, v: p.latency.p99Ms });
      }
      trim(s.p50, t);
      trim(s.p99, t);
      const before = old.partners.find(x => x.dpid === p.dpid);
      const r = {};
      for (const o of OUTCOMES) {
        r[o] = old === d || !before ? 0
          : rate(d, old, x => (x === d ? p : before).outcomes[o] || 0);
      }
      state.rates[key] = r;
    }
    state.last = d;
    render(d);
  }

  function render(d) {
    renderMembers(d.members);
    const evt = d.events || {};
    $('events-legend').textContent = 'this node; /event p50 ' + fmt(evt.p50Ms) + ' ms, p99 ' + fmt(evt.p99Ms) + ' ms';
    lineChart($('events-chart'), [{ name: 'events/s', color: '#3182ce', points: state.events, fill: true }], '/s');
    const lines = [];
    Object.keys(state.partners).forEach(function (k, i) {
      const c = PALETTE[i % PALETTE.length];
      lines.push({ name: k + ' p50', color: c, points: state.partners[k].p50 });
      lines.push({ name: k + ' p99', color: c, points: state.partners[k].p99, dash: true });
    });
    lineChart($('partner-latency-chart'), lines, 'ms');
    outcomeChart($('partner-outcomes-chart'), state.rates);
    renderBreakers(d.partners);
    barChart($('segments-chart'), d.segments);
  }

  function fmt(v) { return v === undefined || v === null ? '-' : (Math.round(v * 10) / 10); }

  function renderMembers(members) {
    const box = $('members');
    box.replaceChildren();
    const max = Math.max(1, ...members.flatMap(m => Object.values(m.verticles)));
    for (const m of members) {
      const card = document.createElement('div');
      card.className = 'member' + (m.local ? ' local' : '');
      card.dataset.uuid = m.uuid;
      const addr = document.createElement('div');
      addr.className = 'addr';
      addr.textContent = m.address + (m.httpPort ? '  http :' + m.httpPort : '') + (m.local ? '  (this node)' : '');
      card.appendChild(addr);
      for (const v of ['dcs', 'partner', 'segment', 'outbound']) {
        const n = m.verticles[v] || 0;
        const row = document.createElement('div');
        row.className = 'bar';
        const name = document.createElement('span');
        name.className = 'name';
        name.textContent = v;
        const fill = document.createElement('span');
        fill.className = 'fill' + (n ? '' : ' none');
        if (n) fill.style.width = (20 + 100 * n / max) + 'px';
        const count = document.createElement('span');
        count.textContent = String(n);
        row.append(name, fill, count);
        card.appendChild(row);
      }
      box.appendChild(card);
    }
  }

  function renderBreakers(partners) {
    const box = $('breakers');
    box.replaceChildren();
    for (const p of partners) {
      const tile = document.createElement('div');
      tile.className = 'breaker ' + p.breaker;
      tile.dataset.dpid = p.dpid;
      tile.dataset.state = p.breaker;
      tile.textContent = 'partner ' + p.dpid;
      const s = document.createElement('small');
      s.textContent = p.breaker;
      tile.appendChild(s);
      box.appendChild(tile);
    }
  }

  // --- tiny canvas charts -------------------------------------------------------------------

  function setup(canvas) {
    const ratio = window.devicePixelRatio || 1;
    const w = Number(canvas.getAttribute('width')), h = Number(canvas.getAttribute('height'));
    if (canvas.dataset.ratio !== String(ratio)) {
      canvas.width = w * ratio;
      canvas.height = h * ratio;
      canvas.dataset.ratio = String(ratio);
      canvas.dataset.w = w;
      canvas.dataset.h = h;
    }
    const ctx = canvas.getContext('2d');
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const W = Number(canvas.dataset.w), H = Number(canvas.dataset.h);
    ctx.clearRect(0, 0, W, H);
    ctx.font = '11px system-ui, sans-serif';
    return { ctx: ctx, W: W, H: H };
  }

  function niceMax(v) {
    if (!(v > 0)) return 1;
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const m of [1, 2, 4, 5, 10]) if (v <= m * p) return m * p;
    return 10 * p;
  }

  function yAxis(ctx, x0, y0, x1, y1, max, unit) {
    ctx.strokeStyle = '#e2e8f0';
    ctx.fillStyle = '#718096';
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (let i = 0; i <= 4; i++) {
      const y = y0 - (y0 - y1) * i / 4;
      ctx.beginPath();
      ctx.moveTo(x0, y);
      ctx.lineTo(x1, y);
      ctx.stroke();
      ctx.fillText(String(Math.round(max * i / 4 * 100) / 100) + (i === 4 ? ' ' + unit : ''), x0 - 4, y);
    }
  }

  function lineChart(canvas, series, unit) {
    const { ctx, W, H } = setup(canvas);
    const L = 56, R = 110, T = 10, B = 22;
    const now = Date.now();
    const tMax = Math.max(now, ...series.flatMap(s => s.points.map(p => p.t)));
    const tMin = tMax - WINDOW * 1000;
    const vMax = Math.max(0, ...series.flatMap(s => s.points.map(p => p.v)));
    const max = niceMax(vMax);
    yAxis(ctx, L, H - B, W - R, T, max, unit);
    ctx.fillStyle = '#718096';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const s of [-120, -90, -60, -30, 0]) {
      ctx.fillText(s === 0 ? 'now' : s + ' s', L + (W - R - L) * (s + WINDOW) / WINDOW, H - B + 6);
    }
    const X = t => L + (W - R - L) * (t - tMin) / (tMax - tMin);
    const Y = v => (H - B) - (H - B - T) * v / max;
    let points = 0;
    series.forEach(function (s, i) {
      if (!s.points.length) return;
      ctx.strokeStyle = s.color;
      ctx.lineWidth = 2;
      ctx.setLineDash(s.dash ? [5, 4] : []);
      ctx.beginPath();
      s.points.forEach((p, j) => (j ? ctx.lineTo(X(p.t), Y(p.v)) : ctx.moveTo(X(p.t), Y(p.v))));
      ctx.stroke();
      if (s.fill) {
        ctx.lineTo(X(s.points[s.points.length - 1].t), Y(0));
        ctx.lineTo(X(s.points[0].t), Y(0));
        ctx.closePath();
        ctx.globalAlpha = 0.15;
        ctx.fillStyle = s.color;
        ctx.fill();
        ctx.globalAlpha = 1;
      }
      ctx.setLineDash([]);
      ctx.fillStyle = s.color;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      const last = s.points[s.points.length - 1];
      ctx.fillText(s.name + ' ' + fmt(last.v), W - R + 8, T + 8 + 14 * i);
      points += s.points.length;
    });
    if (!points) empty(ctx, W, H, 'no data yet');
    canvas.dataset.points = String(points);
    canvas.dataset.max = String(vMax);
  }

  function outcomeChart(canvas, rates) {
    const { ctx, W, H } = setup(canvas);
    const keys = Object.keys(rates);
    const L = 92, R = 10, T = 10, B = 50;
    const totals = keys.map(k => OUTCOMES.reduce((a, o) => a + rates[k][o], 0));
    const vMax = Math.max(0, ...totals);
    const max = niceMax(vMax);
    const X = v => L + (W - R - L) * v / max;
    ctx.strokeStyle = '#e2e8f0';
    ctx.fillStyle = '#718096';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (let i = 0; i <= 4; i++) {
      const x = X(max * i / 4);
      ctx.beginPath();
      ctx.moveTo(x, T);
      ctx.lineTo(x, H - B);
      ctx.stroke();
      ctx.fillText(String(Math.round(max * i / 4 * 100) / 100), x, H - B + 4);
    }
    const row = keys.length ? Math.min(36, (H - B - T) / keys.length) : 0;
    let bars = 0;
    keys.forEach(function (k, i) {
      const y = T + i * row + 4;
      ctx.fillStyle = '#1d2330';
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillText('partner ' + k, L - 6, y + (row - 8) / 2);
      let x = 0;
      for (const o of OUTCOMES) {
        const v = rates[k][o];
        if (v > 0) {
          ctx.fillStyle = OUTCOME_COLORS[o];
          ctx.fillRect(X(x), y, X(x + v) - X(x), row - 8);
          x += v;
          bars++;
        }
      }
    });
    // legend, wrapped onto a second line when needed
    let lx = L, ly = H - 26;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    for (const o of OUTCOMES) {
      const w = ctx.measureText(o).width + 24;
      if (lx + w > W - R) {
        lx = L;
        ly += 14;
      }
      ctx.fillStyle = OUTCOME_COLORS[o];
      ctx.fillRect(lx, ly - 5, 10, 10);
      ctx.fillStyle = '#4a5568';
      ctx.fillText(o, lx + 13, ly);
      lx += w;
    }
    if (!keys.length) empty(ctx, W, H, 'no partner calls yet');
    canvas.dataset.bars = String(bars);
    canvas.dataset.max = String(vMax);
  }

  function barChart(canvas, counts) {
    const { ctx, W, H } = setup(canvas);
    const keys = Object.keys(counts);
    const L = 56, R = 10, T = 10, B = 22;
    const vMax = Math.max(0, ...keys.map(k => counts[k]));
    const max = niceMax(vMax);
    yAxis(ctx, L, H - B, W - R, T, max, '');
    const slot = keys.length ? (W - R - L) / keys.length : 0;
    const bw = Math.min(60, slot * 0.7);
    keys.forEach(function (k, i) {
      const x = L + slot * i + (slot - bw) / 2;
      const h = (H - B - T) * counts[k] / max;
      ctx.fillStyle = PALETTE[i % PALETTE.length];
      ctx.fillRect(x, H - B - h, bw, h);
      ctx.fillStyle = '#1d2330';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      ctx.fillText(k, x + bw / 2, H - B + 6);
      ctx.textBaseline = 'bottom';
      ctx.fillText(String(counts[k]), x + bw / 2, H - B - h - 2);
    });
    if (!keys.length) empty(ctx, W, H, 'no qualifications yet');
    canvas.dataset.bars = String(keys.length);
    canvas.dataset.max = String(vMax);
  }

  function empty(ctx, W, H, text) {
    ctx.fillStyle = '#a0aec0';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(text, W / 2, H / 2);
  }

  poll();
  setInterval(poll, 1000);
})();
