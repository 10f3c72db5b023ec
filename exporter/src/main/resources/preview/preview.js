// The dashboard preview: draws dashboard.json (the file the operator delivers to Grafana) from the
// local Prometheus, reached only through the page's own read-only /prometheus proxy.
//
// What Grafana does for this dashboard, and only that: the stat, timeseries and bargauge panels
// with their value mappings, thresholds, units and legends; the datasource and label_values
// variables (All = their allValue); $__range; the dashboard's time range and refresh.
// Every panel's root element carries data-panel-title and data-state (loading, data, nodata, error).
'use strict';

(() => {
  // Grafana's palette: named colours as Grafana draws them, then the classic series colours.
  const NAMED = {
    green: '#73BF69', red: '#F2495C', orange: '#FF9830', yellow: '#FADE2A', blue: '#5794F2',
    purple: '#B877D9', 'dark-red': '#C4162A', 'dark-green': '#37872D', transparent: 'transparent',
  };
  const SERIES = ['#7EB26D', '#EAB839', '#6ED0E0', '#EF843C', '#E24D42', '#1F78C1', '#BA43A9',
    '#705DA0', '#508642', '#CCA300', '#447EBC', '#C15C17'];
  const RANGES = ['5m', '15m', '30m', '1h', '3h', '6h', '12h', '24h'];
  const REFRESHES = ['off', '5s', '10s', '30s', '1m', '5m'];
  const MAX_POINTS = 300;

  const view = { dashboard: null, vars: new Map(), range: '15m', refresh: '10s', timer: null, generation: 0 };

  const $ = (id) => document.getElementById(id);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const colour = (c) => NAMED[c] || c || NAMED.green;

  function seconds(duration) {
    const m = /^(\d+)(s|m|h|d|w)$/.exec(duration);
    if (!m) throw new Error(`not a duration: ${duration}`);
    return Number(m[1]) * { s: 1, m: 60, h: 3600, d: 86400, w: 604800 }[m[2]];
  }

  function timeWindow() {
    const end = Math.floor(Date.now() / 1000);
    const range = seconds(view.range);
    return { start: end - range, end, range, step: Math.max(1, Math.ceil(range / MAX_POINTS)) };
  }

  // ---- Prometheus, through the same-origin GET-only proxy ----

  async function prometheus(path, params) {
    const search = new URLSearchParams(params).toString();
    const response = await fetch(`prometheus${path}?${search}`, { method: 'GET', cache: 'no-store' });
    let body;
    try {
      body = await response.json();
    } catch (e) {
      throw new Error(`HTTP ${response.status} from the Prometheus proxy`);
    }
    if (body.status !== 'success') {
      throw new Error(body.error || `HTTP ${response.status}`);
    }
    return body.data;
  }

  // ---- variables ----

  // Values are escaped for where they stand (promql.js): a run id with '.', '"' or '|' matches
  // itself and nothing else, and never ends its string.
  function interpolate(expr, w) {
    return expr.replace(/\$\{(\w+)(?::\w+)?\}|\$(\w+)/g, (all, braced, bare, offset) => {
      const name = braced || bare;
      if (name === '__range') return `${w.range}s`;
      if (name === '__range_s') return String(w.range);
      if (name === '__interval') return `${w.step}s`;
      const v = view.vars.get(name);
      if (!v) return all;
      if (v.value === '$__all') {
        const allValue = v.def.allValue != null
          ? v.def.allValue
          : v.options.filter((o) => o.value !== '$__all').map((o) => PromQL.regexEscape(o.value)).join('|');
        return PromQL.substitute(expr, offset, null, allValue);
      }
      return PromQL.substitute(expr, offset, v.value, null);
    });
  }

  async function loadVariables() {
    const w = timeWindow();
    for (const def of (view.dashboard.templating || {}).list || []) {
      const before = view.vars.get(def.name);
      let options;
      if (def.type === 'datasource') {
        options = [{ text: 'Prometheus (local demo)', value: 'prometheus' }];
      } else if (def.type === 'query') {
        const query = typeof def.query === 'string' ? def.query : def.query.query;
        const m = /^\s*label_values\((.*),\s*(\w+)\)\s*$/.exec(query);
        let values = [];
        if (m) {
          const series = await prometheus('/api/v1/series', {
            'match[]': interpolate(m[1], w), start: w.start, end: w.end,
          });
          values = [...new Set(series.map((s) => s[m[2]]).filter((x) => x !== undefined))];
        }
        if (def.sort === 1 || def.sort === 5) values.sort();
        if (def.sort === 2 || def.sort === 6) values.sort().reverse();
        options = (def.includeAll ? [{ text: 'All', value: '$__all' }] : [])
          .concat(values.map((x) => ({ text: x, value: x })));
      } else {
        options = [{ text: String(def.query || ''), value: String(def.query || '') }];
      }
      const wanted = before ? before.value : (def.current || {}).value;
      const value = options.some((o) => o.value === wanted) ? wanted : (options[0] || { value: '' }).value;
      view.vars.set(def.name, { def, options, value });
    }
    drawVariables();
  }

  function drawVariables() {
    const box = $('variables');
    box.replaceChildren();
    for (const [name, v] of view.vars) {
      if (v.def.hide === 2) continue;
      const label = el('label', null, v.def.label || name);
      const select = el('select');
      select.id = `var-${name}`;
      for (const o of v.options) {
        const option = el('option', null, o.text);
        option.value = o.value;
        option.selected = o.value === v.value;
        select.append(option);
      }
      select.addEventListener('change', () => {
        v.value = select.value;
        refresh(true);
      });
      label.append(select);
      box.append(label);
    }
  }

  // ---- values: units, mappings, thresholds ----

  function decimals(v) {
    const a = Math.abs(v);
    if (Number.isInteger(v)) return 0;
    return a < 1 ? 3 : a < 10 ? 2 : a < 100 ? 1 : 0;
  }

  function short(v) {
    const a = Math.abs(v);
    for (const [factor, suffix] of [[1e12, ' T'], [1e9, ' B'], [1e6, ' Mil'], [1e3, ' K']]) {
      if (a >= factor) return `${(v / factor).toFixed(2).replace(/\.?0+$/, '')}${suffix}`;
    }
    return v.toFixed(decimals(v));
  }

  function format(v, unit) {
    if (v === null || v === undefined) return 'null';
    if (Number.isNaN(v)) return 'NaN';
    switch (unit) {
      case 's': {
        const a = Math.abs(v);
        if (a === 0) return '0 s';
        if (a < 1) return `${(v * 1000).toFixed(decimals(v * 1000))} ms`;
        if (a < 60) return `${v.toFixed(decimals(v))} s`;
        if (a < 3600) return `${(v / 60).toFixed(1)} min`;
        if (a < 86400) return `${(v / 3600).toFixed(1)} hour`;
        return `${(v / 86400).toFixed(1)} day`;
      }
      case 'ops': return `${short(v)} ops/s`;
      case 'reqps': return `${short(v)} req/s`;
      case 'percentunit': return `${(v * 100).toFixed(1)}%`;
      case 'percent': return `${v.toFixed(1)}%`;
      case 'bytes': {
        // Grafana's "bytes (IEC)": powers of 1024
        const a = Math.abs(v);
        const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
        let i = 0;
        while (i < units.length - 1 && a >= 1024 ** (i + 1)) i++;
        const n = v / 1024 ** i;
        return `${n.toFixed(i === 0 ? 0 : decimals(n))} ${units[i]}`;
      }
      default: return short(v);
    }
  }

  function mapped(v, mappings) {
    for (const m of mappings || []) {
      const o = m.options || {};
      if (m.type === 'value' && v !== null && o[String(v)]) return o[String(v)];
      if (m.type === 'special') {
        const isNull = v === null || v === undefined;
        if ((o.match === 'null' && isNull) || (o.match === 'nan' && Number.isNaN(v))
          || (o.match === 'null+nan' && (isNull || Number.isNaN(v)))) return o.result;
      }
      if (m.type === 'range' && v !== null && (o.from == null || v >= o.from) && (o.to == null || v <= o.to)) {
        return o.result;
      }
    }
    return null;
  }

  function thresholdColour(v, thresholds) {
    let c = null;
    for (const step of (thresholds || {}).steps || []) {
      if (step.value === null || step.value === undefined || (v !== null && v >= step.value)) c = step.color;
    }
    return colour(c);
  }

  function display(v, defaults) {
    const m = mapped(v, defaults.mappings);
    return {
      text: m && m.text !== undefined ? m.text : format(v, defaults.unit),
      colour: m && m.color ? colour(m.color) : thresholdColour(v, defaults.thresholds),
    };
  }

  // ---- queries to fields ----

  function legend(format, metric) {
    if (format) return format.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, l) => metric[l] || '');
    const labels = Object.entries(metric).map(([k, v]) => `${k}="${v}"`).join(', ');
    return labels ? `{${labels}}` : 'Value';
  }

  // One value per series: lastNotNull of a range query, or the instant value.
  async function reducedFields(panel, w) {
    const fields = [];
    for (const t of panel.targets || []) {
      const expr = interpolate(t.expr, w);
      if (t.instant) {
        const data = await prometheus('/api/v1/query', { query: expr, time: w.end });
        for (const s of data.result) fields.push({ name: legend(t.legendFormat, s.metric), value: Number(s.value[1]) });
      } else {
        const data = await prometheus('/api/v1/query_range', { query: expr, start: w.start, end: w.end, step: w.step });
        for (const s of data.result) {
          const last = s.values.map((p) => Number(p[1])).filter((x) => !Number.isNaN(x)).pop();
          fields.push({ name: legend(t.legendFormat, s.metric), value: last === undefined ? null : last });
        }
      }
    }
    return fields;
  }

  async function seriesFields(panel, w) {
    const xs = [];
    for (let t = w.start; t <= w.end; t += w.step) xs.push(t);
    const index = new Map(xs.map((t, i) => [t, i]));
    const series = [];
    for (const t of panel.targets || []) {
      const data = await prometheus('/api/v1/query_range', {
        query: interpolate(t.expr, w), start: w.start, end: w.end, step: w.step,
      });
      for (const s of data.result) {
        const ys = new Array(xs.length).fill(null);
        for (const [ts, v] of s.values) {
          const i = index.get(Math.round(Number(ts)));
          if (i !== undefined) ys[i] = Number(v);
        }
        series.push({ name: legend(t.legendFormat, s.metric), ys });
      }
    }
    return { xs, series };
  }

  // ---- panels ----

  function showMessage(body, text) {
    body.replaceChildren(el('div', 'nodata', text));
  }

  function drawStat(panel, body, fields) {
    const defaults = (panel.fieldConfig || {}).defaults || {};
    const options = panel.options || {};
    const row = el('div', 'stat-row');
    for (const f of fields) {
      const d = display(f.value, defaults);
      const box = el('div', 'stat');
      if (options.textMode === 'value_and_name' || options.textMode === 'name') box.append(el('div', 'name', f.name));
      const value = el('div', 'value', d.text);
      box.append(value);
      if (options.colorMode === 'background') {
        box.style.background = d.colour;
        box.style.color = '#fff';
      } else if (options.colorMode !== 'none') {
        value.style.color = d.colour;
      }
      box.dataset.value = String(f.value);
      row.append(box);
    }
    body.replaceChildren(row);
  }

  function drawBarGauge(panel, body, fields) {
    const defaults = (panel.fieldConfig || {}).defaults || {};
    const max = Math.max(0, ...fields.map((f) => f.value || 0));
    const bars = el('div', 'bars');
    for (const f of [...fields].sort((a, b) => (b.value || 0) - (a.value || 0))) {
      const d = display(f.value, defaults);
      const bar = el('div', 'bar');
      const track = el('div', 'track');
      const fill = el('div', 'fill');
      fill.style.width = `${max > 0 ? Math.max(0, (f.value || 0) / max) * 100 : 0}%`;
      fill.style.background = `linear-gradient(90deg, ${d.colour}55, ${d.colour})`;
      track.append(fill);
      bar.append(el('div', 'label', f.name), track, el('div', 'num', d.text));
      bar.dataset.value = String(f.value);
      bars.append(bar);
    }
    body.replaceChildren(bars);
  }

  function drawTimeSeries(panel, body, data) {
    const defaults = (panel.fieldConfig || {}).defaults || {};
    if (body.plot) body.plot.destroy();
    body.replaceChildren();
    const width = Math.max(200, body.clientWidth - 16);
    const height = Math.max(80, body.clientHeight - 34);
    body.plot = new uPlot({
      width,
      height,
      cursor: { points: { size: 5 } },
      legend: { show: ((panel.options || {}).legend || {}).showLegend !== false, live: true },
      scales: { x: { time: true } },
      axes: [
        { stroke: '#8e8e8e', grid: { stroke: '#2c3235', width: 1 }, ticks: { stroke: '#2c3235' }, font: '11px Arial' },
        {
          stroke: '#8e8e8e', grid: { stroke: '#2c3235', width: 1 }, ticks: { stroke: '#2c3235' },
          // wide enough for the longest label of this draw (uPlot asks again when labels change)
          size: (u, labels) => Math.max(40, ...(labels || []).map((l) => 7 * String(l).length + 18)),
          font: '11px Arial',
          values: (u, vals) => vals.map((v) => format(v, defaults.unit)),
        },
      ],
      series: [{}].concat(data.series.map((s, i) => ({
        label: s.name, stroke: SERIES[i % SERIES.length], width: 1.5, points: { show: false },
        value: (u, v) => (v === null ? '—' : format(v, defaults.unit)),
      }))),
    }, [data.xs].concat(data.series.map((s) => s.ys)), body);
  }

  function setState(root, state, status) {
    root.dataset.state = state;
    root.querySelector('.status').textContent = status || '';
  }

  async function drawPanel(panel, root, generation) {
    const body = root.querySelector('.body');
    const w = timeWindow();
    try {
      if (panel.type === 'timeseries') {
        const data = await seriesFields(panel, w);
        if (generation !== view.generation) return;
        const any = data.series.some((s) => s.ys.some((v) => v !== null && !Number.isNaN(v)));
        if (!any) {
          if (body.plot) body.plot.destroy();
          body.plot = null;
          showMessage(body, 'No data');
          setState(root, 'nodata');
          return;
        }
        drawTimeSeries(panel, body, data);
        setState(root, 'data');
      } else if (panel.type === 'stat' || panel.type === 'bargauge') {
        const fields = await reducedFields(panel, w);
        if (generation !== view.generation) return;
        if (fields.length === 0) {
          showMessage(body, 'No data');
          setState(root, 'nodata');
          return;
        }
        (panel.type === 'stat' ? drawStat : drawBarGauge)(panel, body, fields);
        setState(root, 'data');
      } else {
        showMessage(body, `Panel type "${panel.type}" is not part of this preview`);
        setState(root, 'error', 'unsupported panel type');
      }
    } catch (e) {
      if (generation !== view.generation) return;
      showMessage(body, e.message);
      setState(root, 'error', e.message);
    }
  }

  function layout() {
    const grid = $('grid');
    grid.replaceChildren();
    return (view.dashboard.panels || []).map((panel) => {
      const root = el('section', 'panel');
      const g = panel.gridPos || { x: 0, y: 0, w: 12, h: 8 };
      root.style.gridColumn = `${g.x + 1} / span ${g.w}`;
      root.style.gridRow = `${g.y + 1} / span ${g.h}`;
      root.dataset.panelTitle = panel.title || '';
      root.dataset.panelType = panel.type;
      root.dataset.state = 'loading';
      const header = el('header');
      header.append(el('h2', null, panel.title || ''), el('span', 'status'));
      root.append(header, el('div', 'body'));
      grid.append(root);
      return { panel, root };
    });
  }

  let panels = [];

  async function refresh(variablesToo) {
    const generation = ++view.generation;
    try {
      if (variablesToo) await loadVariables();
    } catch (e) {
      $('updated').textContent = `variables: ${e.message}`;
    }
    if (generation !== view.generation) return;
    await Promise.all(panels.map(({ panel, root }) => drawPanel(panel, root, generation)));
    if (generation !== view.generation) return;
    $('updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
    document.body.dataset.refreshes = String(Number(document.body.dataset.refreshes || 0) + 1);
    document.body.dataset.state = 'ready';
  }

  function schedule() {
    clearInterval(view.timer);
    if (view.refresh !== 'off') view.timer = setInterval(() => refresh(false), seconds(view.refresh) * 1000);
  }

  function choices(select, values, current, label, onChange) {
    for (const v of values) {
      const o = el('option', null, label(v));
      o.value = v;
      o.selected = v === current;
      select.append(o);
    }
    select.addEventListener('change', () => onChange(select.value));
  }

  async function main() {
    const response = await fetch('dashboard.json', { cache: 'no-store' });
    view.dashboard = await response.json();
    const d = view.dashboard;
    document.title = `${d.title} — preview`;
    $('title').textContent = d.title;
    const from = ((d.time || {}).from || 'now-15m').replace(/^now-/, '');
    view.range = /^\d+[smhdw]$/.test(from) ? from : '15m';
    view.refresh = d.refresh || '10s';
    const ranges = RANGES.includes(view.range) ? RANGES : [view.range].concat(RANGES);
    const refreshes = REFRESHES.includes(view.refresh) ? REFRESHES : REFRESHES.concat([view.refresh]);
    choices($('range'), ranges, view.range, (v) => `Last ${v}`, (v) => { view.range = v; refresh(true); });
    choices($('refresh'), refreshes, view.refresh, (v) => (v === 'off' ? 'Off' : v), (v) => { view.refresh = v; schedule(); });
    $('refresh-now').addEventListener('click', () => refresh(true));
    let resizing;
    addEventListener('resize', () => { clearTimeout(resizing); resizing = setTimeout(() => refresh(false), 200); });
    panels = layout();
    await refresh(true);
    schedule();
  }

  main().catch((e) => {
    $('title').textContent = `The dashboard could not be loaded: ${e.message}`;
    document.body.dataset.state = 'error';
  });
})();
