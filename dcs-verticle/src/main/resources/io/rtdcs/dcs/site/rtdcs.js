// rtdcs.js: the rtdcs page tag (docs/site.md). No dependencies; current browsers.
// The node serves it at /rtdcs.js without the lines that start with // and without indentation,
// so keep every comment on a line of its own and no string across lines.
//
//   rtdcs.configure({host: 'https://dcs.example.com', nsid: 0, ids: [{dpid: 9002, id: 'crm-42', auth: 1}],
//                    jsonp: false | true | 'fallback', timeoutMs: 3000, uuidCookie: 'aam_uuid', onDest: fn});
//   rtdcs.signal('c_category', 'shoes');   or   rtdcs.signal({c_category: 'shoes', c_size: [42, 43]});
//   rtdcs.submit().then(function (answer) { answer.segments ... });   or   rtdcs.submit(function (err, answer) {});
(function (w, d) {
  'use strict';
  if (w.rtdcs && w.rtdcs.submit) return;
  var me = d.currentScript;
  var cfg = {host: me && me.src ? new URL(me.src).origin : '', nsid: 0, ids: [], jsonp: false, timeoutMs: 3000, uuidCookie: 'aam_uuid', dest: true, onDest: null};
  var sigs = {}, seq = 0, frame, frameReady;
  var NAME = /^[A-Za-z0-9_.-]{1,64}$/;
  function enc(s) {
    return encodeURIComponent(String(s));
  }
  function readCookie(n) {
    var m = n && d.cookie.match(new RegExp('(?:^|; )' + n.replace(/\./g, '\\.') + '=([^;]*)'));
    return m ? m[1] : '';
  }
  // a cookie destination entry {cn, cv, ttl (days, 0 = session), dmn (blank = this host)}
  function writeCookie(c) {
    if (!c || !NAME.test(c.cn)) return;
    var s = c.cn + '=' + String(c.cv == null ? '' : c.cv).replace(/[^\x21-\x7e]|;/g, encodeURIComponent) + '; path=/';
    if (c.ttl > 0) s += '; max-age=' + Math.round(c.ttl * 86400);
    if (c.dmn && /^\.?[A-Za-z0-9.-]+$/.test(c.dmn)) s += '; domain=' + c.dmn;
    if (location.protocol == 'https:') s += '; secure';
    d.cookie = s + '; samesite=lax';
  }
  function eventUrl() {
    var q = ['d_rtbd=json', 'd_dst=1', 'd_jsonv=1', 'd_nsid=' + enc(cfg.nsid)], k;
    var u = readCookie(cfg.uuidCookie);
    if (/^\d{38}$/.test(u)) q.push('d_uuid=' + u);
    cfg.ids.forEach(function (i) {
      q.push('d_cid=' + enc(i.dpid + '\x01' + i.id + '\x01' + (i.auth || 0)));
      if (i.sig) q.push('d_cid_sig=' + enc(i.dpid + '\x01' + i.sig));
    });
    for (k in sigs) q.push(enc(k) + '=' + sigs[k].map(enc).join(','));
    return cfg.host + '/event?' + q.join('&');
  }
  function viaCors(url) {
    var ctl = new AbortController(), t = setTimeout(function () { ctl.abort(); }, cfg.timeoutMs);
    return fetch(url, {credentials: 'include', signal: ctl.signal}).then(function (r) {
      clearTimeout(t);
      if (!r.ok) throw new Error('rtdcs: HTTP ' + r.status);
      return r.json();
    }, function (e) {
      clearTimeout(t);
      throw e;
    });
  }
  function viaJsonp(url) {
    return new Promise(function (ok, ko) {
      var n = 'c' + ++seq, s = d.createElement('script'), t;
      function end(e, a) {
        clearTimeout(t);
        api.cb[n] = function () {};
        s.remove();
        if (e) ko(e); else ok(a);
      }
      api.cb[n] = function (a) { end(null, a); };
      s.onerror = function () { end(new Error('rtdcs: JSONP call failed')); };
      t = setTimeout(function () { end(new Error('rtdcs: timeout')); }, cfg.timeoutMs);
      s.src = url + '&d_cb=rtdcs.cb.' + n;
      d.head.appendChild(s);
    });
  }
  // hands ID syncs and URL destinations to the destination-publishing iframe (/dest.html)
  function publish(m) {
    var origin = new URL(cfg.host, location.href).origin;
    if (!frame) {
      frame = d.createElement('iframe');
      frame.title = 'rtdcs';
      frame.setAttribute('aria-hidden', 'true');
      frame.style.display = 'none';
      frameReady = new Promise(function (ok) { frame.onload = ok; });
      frame.src = cfg.host + '/dest.html';
      (d.body || d.documentElement).appendChild(frame);
    }
    frameReady.then(function () { frame.contentWindow.postMessage(m, origin); });
  }
  function answer(a) {
    if (!a || typeof a != 'object') throw new Error('rtdcs: not an answer');
    (a.stuff || []).forEach(writeCookie);
    if (/^\d{38}$/.test(a.uuid) && cfg.uuidCookie) writeCookie({cn: cfg.uuidCookie, cv: a.uuid, ttl: 180});
    if (cfg.dest && ((a.ibs || []).length || (a.dests || []).length)) {
      publish({rtdcs: 'dest', seq: ++seq, uuid: a.uuid, region: a.dcs_region, ibs: a.ibs || [], dests: a.dests || []});
    }
    return a;
  }
  w.addEventListener('message', function (e) {
    var m = e.data;
    if (m && m.rtdcs == 'dest-done' && cfg.host && e.origin == new URL(cfg.host, location.href).origin && cfg.onDest) cfg.onDest(m);
  });
  var api = w.rtdcs = {
    version: 1,
    cb: {},
    configure: function (o) {
      for (var k in o) if (k in cfg) cfg[k] = o[k];
      cfg.host = String(cfg.host).replace(/\/+$/, '');
      if (!/^https?:\/\/[^/]+$/.test(cfg.host)) throw new Error('rtdcs: host must look like https://dcs.example.com');
      return api;
    },
    signal: function (k, v) {
      if (typeof k == 'object') {
        for (var n in k) api.signal(n, k[n]);
        return api;
      }
      if (!/^[cdhp]_/.test(k)) k = 'c_' + k;
      sigs[k] = (sigs[k] || []).concat(v);
      return api;
    },
    submit: function (cb) {
      var url = eventUrl(), p;
      sigs = {};
      p = cfg.jsonp === true ? viaJsonp(url) : viaCors(url).catch(function (e) {
        if (cfg.jsonp) return viaJsonp(url);
        throw e;
      });
      p = p.then(answer);
      // with a callback the promise's failure is handled there
      if (cb) p.then(function (a) { cb(null, a); }, cb);
      return p;
    }
  };
})(window, document);
