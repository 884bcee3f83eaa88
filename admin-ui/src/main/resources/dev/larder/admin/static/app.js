'use strict';
// The Larder console: logs in, charts the server's last ten minutes (/api/stats/history),
// then polls /api/stats once a second for the header figures and the charts, and refreshes
// the connections table and the event list; every change goes through the JSON API with the
// session's CSRF token.

const POINTS = 600;
let csrfToken = '';
let previous = null;
let connections = [];
let connectionSort = {key: 'busiest', descending: true};
const charts = {};

const $ = id => document.getElementById(id);

async function api(method, path, body) {
  // X-Requested-With: the server answers a 401 without a challenge the browser would prompt for.
  const headers = {'Accept': 'application/json', 'X-Requested-With': 'larder-console'};
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = csrfToken;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin'});
  if (response.status === 401) {
    showLogin();
    throw new Error('not logged in');
  }
  const payload = response.status === 204 ? null : await response.json();
  if (!response.ok) {
    throw new Error(payload && payload.error ? payload.error : response.statusText);
  }
  return payload;
}

function showLogin() {
  $('console').hidden = true;
  $('logout').hidden = true;
  $('login').hidden = false;
}

async function showConsole() {
  $('login').hidden = true;
  $('console').hidden = false;
  $('logout').hidden = false;
  makeCharts();
  await Promise.all([loadFeatures(), loadPlugins(), loadSettings(), loadHistory()]);
  tick();
}

/** Charts what the server sampled before the page was opened. */
async function loadHistory() {
  if (previous) {
    return;
  }
  for (const sample of await api('GET', '/api/stats/history')) {
    chartSample(sample);
  }
}

function makeChart(id, series) {
  const chart = new Chart($(id), {
    type: 'line',
    data: {labels: [], datasets: series.map(name => ({label: name, data: [], pointRadius: 0, borderWidth: 2}))},
    options: {animation: false, responsive: true, maintainAspectRatio: false,
      scales: {y: {beginAtZero: true}}, plugins: {legend: {position: 'bottom'}}}
  });
  charts[id] = chart;
}

function makeCharts() {
  if (charts['chart-requests']) {
    return;
  }
  makeChart('chart-requests', ['get', 'set', 'delete', 'incr', 'decr', 'touch', 'flush']);
  makeChart('chart-hits', ['hits', 'misses']);
  makeChart('chart-bytes', ['in', 'out']);
  makeChart('chart-connections', ['open']);
  makeChart('chart-memory', ['used', 'limit']);
  makeChart('chart-buffers', ['direct', 'heap']);
  makeChart('chart-yields', ['yields', 'idle kicks']);
}

function push(id, label, values) {
  const chart = charts[id];
  chart.data.labels.push(label);
  values.forEach((value, i) => chart.data.datasets[i].data.push(value));
  if (chart.data.labels.length > POINTS) {
    chart.data.labels.shift();
    chart.data.datasets.forEach(d => d.data.shift());
  }
  chart.update('none');
}

function perSecond(now, before, pick) {
  const seconds = Math.max(0.001, (now.time - before.time) / 1000);
  return Math.max(0, (pick(now) - pick(before)) / seconds);
}

const mb = bytes => bytes / 1048576;
const totalRequests = stats => Object.values(stats.commands).reduce((a, b) => a + b, 0);

/** Adds one sample to the charts (rates against the one before it). */
function chartSample(stats) {
  if (previous && stats.time <= previous.time) {
    return;
  }
  const label = new Date(stats.time).toLocaleTimeString();
  if (previous) {
    const rate = pick => Math.round(perSecond(stats, previous, pick));
    push('chart-requests', label, Object.keys(stats.commands).map(c => rate(s => s.commands[c])));
    push('chart-hits', label, [rate(s => s.getHits), rate(s => s.getMisses)]);
    push('chart-bytes', label, [rate(s => s.bytesRead), rate(s => s.bytesWritten)]);
    push('chart-yields', label, [rate(s => s.yields), rate(s => s.idleKicks)]);
  }
  push('chart-connections', label, [stats.currentConnections]);
  push('chart-memory', label, [mb(stats.storeBytes), mb(stats.storeLimit)]);
  push('chart-buffers', label, [mb(stats.pooledDirectMemory), mb(stats.pooledHeapMemory)]);
  previous = stats;
}

function duration(seconds) {
  const d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600);
  const m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
  return d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${m}m` : m > 0 ? `${m}m ${s}s` : `${s}s`;
}

/** The header row: what an operator glances at. */
function showFigures(stats, before) {
  $('fig-uptime').textContent = duration(stats.uptimeSeconds);
  $('fig-version').textContent = stats.version;
  $('fig-items').textContent = stats.currItems.toLocaleString();
  $('fig-memory').textContent = `${mb(stats.storeBytes).toFixed(1)} of ${mb(stats.storeLimit).toFixed(0)} MB`
    + ` (${Math.round(100 * stats.storeBytes / Math.max(1, stats.storeLimit))}%)`;
  const lookups = stats.getHits + stats.getMisses;
  $('fig-hits').textContent = lookups === 0 ? '–' : `${(100 * stats.getHits / lookups).toFixed(1)}%`;
  $('fig-rps').textContent = before ? Math.round(perSecond(stats, before, totalRequests)).toLocaleString() : '–';
  $('fig-connections').textContent = stats.currentConnections.toLocaleString();
  $('fig-tls').textContent = stats.tls;
}

async function tick() {
  try {
    const stats = await api('GET', '/api/stats');
    const before = previous;
    chartSample(stats);
    showFigures(stats, before);
    $('total-requests').textContent = totalRequests(stats);
    await Promise.all([loadConnections(), loadEvents()]);
  } catch (e) {
    if (e.message === 'not logged in') {
      return;
    }
  }
  setTimeout(tick, 1000);
}

function cells(tr, values) {
  for (const value of values) {
    const td = document.createElement('td');
    td.textContent = value;
    tr.appendChild(td);
  }
}

async function loadConnections() {
  connections = await api('GET', '/api/connections');
  showConnections();
}

/** The connections, filtered and sorted as asked; the busiest (most bytes moved) first by default. */
function showConnections() {
  const filter = $('connections-filter').value.trim().toLowerCase();
  const {key, descending} = connectionSort;
  const value = c => key === 'busiest' ? c.bytesRead + c.bytesWritten : c[key];
  const shown = connections
    .filter(c => !filter || [c.id, c.address, c.protocol].some(v => String(v).toLowerCase().includes(filter)))
    .sort((a, b) => {
      const x = value(a), y = value(b);
      const order = typeof x === 'string' ? x.localeCompare(y) : x - y;
      return descending ? -order : order;
    });
  $('connections-count').textContent = `(${shown.length} of ${connections.length})`;
  document.querySelectorAll('#connections-table th[data-key]').forEach(th => {
    th.setAttribute('aria-sort', th.dataset.key === key ? (descending ? 'descending' : 'ascending') : 'none');
  });
  $('connections').replaceChildren(...shown.map(c => {
    const tr = document.createElement('tr');
    tr.dataset.id = c.id;
    tr.dataset.address = c.address;
    cells(tr, [c.id, c.address, c.protocol, c.tls ? 'yes' : 'no', c.ageSeconds, c.idleSeconds, c.bytesRead,
      c.bytesWritten, c.inputBuffered, c.outputPending, c.yields]);
    const td = document.createElement('td');
    const close = document.createElement('button');
    close.textContent = 'Close';
    close.className = 'close-connection';
    close.addEventListener('click', async () => {
      await api('DELETE', '/api/connections/' + c.id);
      tr.remove();
      loadEvents();
    });
    td.appendChild(close);
    tr.appendChild(td);
    return tr;
  }));
}

async function loadEvents() {
  const events = await api('GET', '/api/events');
  $('events').replaceChildren(...events.map(e => {
    const li = document.createElement('li');
    const time = document.createElement('time');
    time.dateTime = new Date(e.time).toISOString();
    time.textContent = new Date(e.time).toLocaleString();
    li.append(time, `${e.what}, by ${e.who}`);
    return li;
  }));
}

async function loadPlugins() {
  const plugins = await api('GET', '/api/plugins');
  $('plugins').replaceChildren(...plugins.map(p => {
    const tr = document.createElement('tr');
    cells(tr, [p.name, p.slot, p.version]);
    return tr;
  }));
}

async function loadSettings() {
  const settings = await api('GET', '/api/settings');
  $('settings').replaceChildren(...settings.map(s => {
    const tr = document.createElement('tr');
    tr.title = s.description;
    cells(tr, [s.name, s.value, s.defaultValue, s.origin, s.changeableLive ? 'yes' : 'no']);
    return tr;
  }));
}

function showFeatures(features) {
  const fair = features.fairShare;
  const idle = features.idleTimer;
  if (fair) {
    $('fair-share-enabled').checked = fair.enabled;
    $('fair-share-reqs').value = fair.reqsPerEvent;
    $('fair-share-state').textContent = (fair.enabled ? 'on' : 'off') + ', ' + fair.yields + ' yields';
  }
  if (idle) {
    $('idle-timer-enabled').checked = idle.enabled;
    $('idle-timer-seconds').value = idle.timeoutSeconds;
    $('idle-timer-state').textContent = (idle.enabled ? 'on' : 'off') + ', ' + idle.idleKicks + ' idle kicks';
  }
}

async function loadFeatures() {
  showFeatures(await api('GET', '/api/features'));
}

async function applyFeature(event, path, body, key) {
  event.preventDefault();
  $('feature-error').textContent = '';
  try {
    const state = await api('PUT', path, body);
    showFeatures({[key]: state});
    loadEvents();
  } catch (e) {
    $('feature-error').textContent = e.message;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('login').addEventListener('submit', async event => {
    event.preventDefault();
    $('login-error').textContent = '';
    const response = await fetch('/api/login', {method: 'POST',
      headers: {'Content-Type': 'application/json', 'X-Requested-With': 'larder-console'},
      body: JSON.stringify({user: 'admin', password: $('password').value}), credentials: 'same-origin'});
    const payload = await response.json();
    if (!response.ok) {
      $('login-error').textContent = payload.error || 'Login failed';
      return;
    }
    csrfToken = payload.csrfToken;
    $('password').value = '';
    showConsole();
  });
  $('logout').addEventListener('click', async () => {
    await api('POST', '/api/logout').catch(() => {});
    csrfToken = '';
    showLogin();
  });
  $('fair-share').addEventListener('submit', event => applyFeature(event, '/api/features/fair-share',
    {enabled: $('fair-share-enabled').checked, reqsPerEvent: Number($('fair-share-reqs').value)}, 'fairShare'));
  $('idle-timer').addEventListener('submit', event => applyFeature(event, '/api/features/idle-timer',
    {enabled: $('idle-timer-enabled').checked, timeoutSeconds: Number($('idle-timer-seconds').value)}, 'idleTimer'));
  $('flush').addEventListener('click', async () => {
    if (!confirm('flush_all: every item will be gone. Go on?')) {
      return;
    }
    await api('POST', '/api/flush');
    $('flush-state').textContent = 'Flushed at ' + new Date().toLocaleTimeString();
    loadEvents();
  });
  $('connections-filter').addEventListener('input', showConnections);
  document.querySelectorAll('#connections-table th[data-key]').forEach(th => th.addEventListener('click', () => {
    const key = th.dataset.key;
    connectionSort = {key, descending: connectionSort.key === key ? !connectionSort.descending : true};
    showConnections();
  }));
  // A session cookie from before a reload: pick up its CSRF token, else ask to log in.
  fetch('/api/session', {credentials: 'same-origin', headers: {'X-Requested-With': 'larder-console'}}).then(async response => {
    if (response.ok) {
      csrfToken = (await response.json()).csrfToken;
      showConsole();
    } else {
      showLogin();
    }
  });
});
