// The demo page's code: loads the tag from the DCS, sends one signal, shows the answer.
// Query parameters: dcs (the node's base URL, default http://127.0.0.1:8080), category (default shoes),
// jsonp=1 (JSONP instead of CORS), login=ID (a declared ID of the shop's CRM, data source 9100, authenticated).
(function () {
  'use strict';
  var NAMES = {5001: 'Shoe shoppers', 5002: 'Repeat shoe shoppers', 5003: 'Demo partner audience',
    5004: 'Sporty big spenders', 5005: 'Newsletter readers'};
  var q = new URLSearchParams(location.search);
  var dcs = (q.get('dcs') || 'http://127.0.0.1:8080').replace(/\/+$/, '');
  var category = q.get('category') || 'shoes';
  var login = q.get('login');

  function $(id) { return document.getElementById(id); }
  function status(state, text) {
    $('status').dataset.state = state;
    $('status').textContent = text;
  }
  function cookie(name) {
    var m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
    return m ? m[1] : null;
  }

  $('category').textContent = category;
  $('signal').textContent = 'c_category=' + category;
  $('dcs').textContent = dcs;
  document.querySelectorAll('nav a').forEach(function (a) {
    var p = new URLSearchParams(location.search);
    p.set('category', a.dataset.category);
    a.href = '?' + p.toString();
  });
  if (!/^https?:\/\/[^/]+$/.test(dcs)) {
    status('error', 'dcs must be a base URL such as http://127.0.0.1:8080');
    return;
  }

  function showAnswer(a) {
    var segs = a.segments || [];
    $('uuid').textContent = a.uuid || '(none)';
    $('segments').dataset.ids = segs.join(',');
    $('segments').textContent = segs.length
      ? segs.map(function (id) { return id + (NAMES[id] ? ' ' + NAMES[id] : ''); }).join(', ') : 'none';
    var c = cookie('aam_tnt');
    $('cookie').dataset.value = c || '';
    $('cookie').textContent = c === null ? '(not written)' : c;
    if (!(a.ibs || []).length) $('syncs').textContent = 'none needed (the node knows the partners\' ids)';
    if (!(a.dests || []).length) $('dests').textContent = 'none';
    $('answer').textContent = JSON.stringify(a, null, 2);
    status('done', 'answered' + (a.errors ? ', with errors: ' + JSON.stringify(a.errors) : ''));
  }

  function showDest(r) {
    var s = $('syncs');
    s.dataset.fired = r.fired.join(',');
    s.dataset.skipped = r.skipped.join(',');
    if (r.fired.length || r.skipped.length) {
      s.textContent = (r.fired.length ? 'fired for partner ' + r.fired.join(', ') : 'none fired')
        + (r.skipped.length ? '; not fired again within its TTL: ' + r.skipped.join(', ') : '');
    }
    $('dests').dataset.fired = r.dests.join(',');
    if (r.dests.length) $('dests').textContent = 'fired ' + r.dests.join(', ');
  }

  var tag = document.createElement('script');
  tag.src = dcs + '/rtdcs.js';
  tag.onerror = function () {
    status('error', 'could not load ' + tag.src + ': is the node running (scripts/run)?');
  };
  tag.onload = function () {
    rtdcs.configure({host: dcs, nsid: 0, jsonp: q.get('jsonp') === '1', onDest: showDest,
      ids: login ? [{dpid: 9100, id: login, auth: 1}] : []});
    rtdcs.signal('c_category', category);
    rtdcs.submit().then(showAnswer, function (e) {
      status('error', 'no answer from the DCS (' + e.message + '); is ' + location.origin
        + ' in the node\'s dcs.cors.origins?');
    });
  };
  document.head.appendChild(tag);
})();
