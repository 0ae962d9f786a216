/* samvalg: the live what-if of index.html.
 *
 * Reads the JSON block #samvalg-whatif-data (data.json's "whatif" record, written by
 * samvalg.report._whatif) and adds, to each panel's section (a service area or a bundle of
 * them, whose members are evaluated alone and combined by the bundle's rule), controls for every set weight and
 * every criterion weight. Moving one recomputes the values and the ranking of WSM, WPM,
 * TOPSIS, VIKOR and PROMETHEE II as samvalg.methods defines them (normalisations, preference
 * functions with q and p, VIKOR's v), with the legally feasible options ranked first.
 * Moving one weight rescales the others in proportion, exactly as the weight sweeps of
 * samvalg.sensitivity do, so the marks (from those sweeps' exact crossovers) sit where the
 * top option changes. Every text is inserted with textContent, never as markup.
 * No network, no libraries. The arithmetic is in SamvalgWhatif (also usable from Node).
 */
var SamvalgWhatif = (function () {
  'use strict';

  // ---- kernels: samvalg.methods, on arrays of rows (m options x n criteria) ----
  var DIVIDING = { vector: 1, max: 1, sum: 1, linear: 1 };

  function columns(X) { return X.length ? X[0].length : 0; }

  // samvalg.methods._spec.zero_columns_as_constant: an all-zero column becomes ones
  function zeroColumnsAsConstant(X, kind) {
    if (!DIVIDING[kind]) return X;
    var n = columns(X), zero = [], any = false, i, j;
    for (j = 0; j < n; j++) {
      zero[j] = true;
      for (i = 0; i < X.length; i++) if (X[i][j] !== 0) { zero[j] = false; break; }
      any = any || zero[j];
    }
    if (!any) return X;
    return X.map(function (row) {
      return row.map(function (x, k) { return zero[k] ? 1.0 : x; });
    });
  }

  function colStat(X, j, f, start) {
    var acc = start;
    for (var i = 0; i < X.length; i++) acc = f(acc, X[i][j]);
    return acc;
  }
  function add(a, b) { return a + b; }

  // samvalg.methods._normalization._normalize
  function normalize(X, types, kind) {
    var m = X.length, n = columns(X), R = [], i, j;
    for (i = 0; i < m; i++) R.push(new Array(n));
    for (j = 0; j < n; j++) {
      var cost = types[j] < 0, x, r;
      if (kind === 'none') {
        for (i = 0; i < m; i++) R[i][j] = X[i][j] * types[j];
      } else if (kind === 'max') {
        var mx = colStat(X, j, Math.max, -Infinity);
        for (i = 0; i < m; i++) { r = X[i][j] / mx; R[i][j] = cost ? 1 - r : r; }
      } else if (kind === 'vector') {
        var sq = 0;
        for (i = 0; i < m; i++) sq += X[i][j] * X[i][j];
        var norm = Math.sqrt(sq);
        for (i = 0; i < m; i++) { r = X[i][j] / norm; R[i][j] = cost ? 1 - r : r; }
      } else if (kind === 'minmax') {
        var lo = colStat(X, j, Math.min, Infinity), hi = colStat(X, j, Math.max, -Infinity);
        var span = hi - lo;
        for (i = 0; i < m; i++) {
          x = X[i][j];
          R[i][j] = span === 0 ? 1.0 : (cost ? hi - x : x - lo) / span;
        }
      } else if (kind === 'sum') {
        var total = colStat(X, j, add, 0), inv = 0;
        for (i = 0; i < m; i++) inv += 1 / X[i][j];
        for (i = 0; i < m; i++) R[i][j] = cost ? (1 / X[i][j]) / inv : X[i][j] / total;
      } else if (kind === 'linear') {
        var top = colStat(X, j, Math.max, -Infinity), bottom = colStat(X, j, Math.min, Infinity);
        for (i = 0; i < m; i++) R[i][j] = cost ? bottom / X[i][j] : X[i][j] / top;
      } else {
        throw new Error('unknown normalization ' + kind);
      }
    }
    return R;
  }

  function wsm(X, w, types, o) {
    var R = normalize(X, types, o.normalization || 'max');
    return R.map(function (row) {
      var s = 0;
      for (var j = 0; j < row.length; j++) s += w[j] * row[j];
      return s;
    });
  }

  function wpm(X, w, types, o) {
    var kind = o.normalization || 'sum';
    var R = kind === 'none' ? X : normalize(X, types, kind);
    return R.map(function (row) {
      var s = 0, hit = false;
      for (var j = 0; j < row.length; j++) {
        if (kind === 'none') { s += w[j] * (types[j] * Math.log(row[j])); continue; }
        if (row[j] > 0) s += w[j] * Math.log(row[j]);
        else if (w[j] > 0) hit = true;
      }
      return hit ? 0.0 : Math.exp(s);
    });
  }

  function topsis(X, w, types, o) {
    var R = normalize(X, types, o.normalization || 'vector'), n = columns(R), j;
    var best = [], worst = [];
    for (j = 0; j < n; j++) {
      best[j] = colStat(R, j, Math.max, -Infinity);
      worst[j] = colStat(R, j, Math.min, Infinity);
    }
    return R.map(function (row) {
      var dp = 0, dm = 0;
      for (var k = 0; k < n; k++) {
        var w2 = w[k] * w[k], a = row[k] - best[k], b = row[k] - worst[k];
        dp += (a * a) * w2;
        dm += (b * b) * w2;
      }
      dp = Math.sqrt(dp);
      dm = Math.sqrt(dm);
      var total = dp + dm;
      return total > 0 ? dm / total : 0.5;
    });
  }

  // VIKOR: the parts S, R, Q (lower is better); Q is the decision value
  function vikorParts(X, w, types, o) {
    var kind = o.normalization === undefined ? null : o.normalization;
    var v = o.v === undefined ? 0.5 : o.v, m = X.length, n = columns(X), i, j, f;
    if (kind === null) {
      f = X.map(function (row) { return row.slice(); });
      for (j = 0; j < n; j++) {
        if (types[j] < 0) {
          var mx = colStat(X, j, Math.max, -Infinity);
          for (i = 0; i < m; i++) f[i][j] = mx - X[i][j];
        }
      }
    } else {
      f = normalize(X, types, kind);
    }
    var S = [], Rg = [];
    var fstar = [], span = [];
    for (j = 0; j < n; j++) {
      fstar[j] = colStat(f, j, Math.max, -Infinity);
      span[j] = fstar[j] - colStat(f, j, Math.min, Infinity);
    }
    for (i = 0; i < m; i++) {
      var s = 0, r = 0;
      for (j = 0; j < n; j++) {
        var d = span[j] > 0 ? (fstar[j] - f[i][j]) / span[j] : 0.0;
        var wd = d * w[j];
        s += wd;
        r = j === 0 ? wd : Math.max(r, wd);
      }
      S.push(s);
      Rg.push(r);
    }
    function scaled(x) {
      var lo = Math.min.apply(null, x), sp = Math.max.apply(null, x) - lo;
      return { v: x.map(function (y) { return sp > 0 ? (y - lo) / sp : 0.0; }), varies: sp > 0 };
    }
    var a = scaled(S), b = scaled(Rg), Q = [];
    for (i = 0; i < m; i++) {
      var q = a.v[i] * v + b.v[i] * (1 - v);
      if (!(a.varies && b.varies)) {
        var denom = v * (a.varies ? 1 : 0) + (1 - v) * (b.varies ? 1 : 0);
        q = denom > 0 ? q / denom : 0.0;
      }
      Q.push(q);
    }
    return { S: S, R: Rg, Q: Q };
  }

  function vikor(X, w, types, o) { return vikorParts(X, w, types, o).Q; }

  // PROMETHEE II preference functions (pymcdm's, plus Brans' gaussian with s = p)
  function preference(d, name, q, p) {
    if (name === 'usual') return d > 0 ? 1.0 : 0.0;
    if (name === 'ushape') return d > q ? 1.0 : 0.0;
    if (name === 'vshape') return d > p ? 1.0 : (d > 0 ? d / p : 0.0);
    if (name === 'level') return d > p ? 1.0 : (d > q ? 0.5 : 0.0);
    if (name === 'vshape_2') {
      var span = p - q;
      var ramp = (d > q && span > 0) ? (d - q) / span : 0.0;
      return d > p ? 1.0 : (d > q ? ramp : 0.0);
    }
    if (name === 'gaussian') return d > 0 ? -Math.expm1(-(d * d) / (2.0 * p * p)) : 0.0;
    throw new Error('unknown preference function ' + name);
  }

  function perCriterion(value, n, fill) {
    if (Array.isArray(value)) return value;
    var out = [];
    for (var j = 0; j < n; j++) out.push(value === undefined || value === null ? fill : value);
    return out;
  }

  // unicriterion net flows phi_j(a), (m x n); the net flow is sum_j w_j phi_j(a)
  function prometheeFlows(X, types, o) {
    var m = X.length, n = columns(X), a, b, j;
    var fn = perCriterion(o.preference || 'usual', n, 'usual');
    var q = perCriterion(o.q, n, NaN), p = perCriterion(o.p, n, NaN);
    var phi = [];
    for (a = 0; a < m; a++) phi.push(new Array(n).fill(0));
    if (m === 1) return phi;
    for (j = 0; j < n; j++) {
      for (a = 0; a < m; a++) {
        var out = 0, inn = 0;
        for (b = 0; b < m; b++) {
          var xa = X[a][j] * types[j], xb = X[b][j] * types[j];
          out += preference(xa - xb, fn[j], q[j], p[j]);
          inn += preference(xb - xa, fn[j], q[j], p[j]);
        }
        phi[a][j] = (out - inn) / (m - 1);
      }
    }
    return phi;
  }

  function promethee(X, w, types, o) {
    return prometheeFlows(X, types, o).map(function (row) {
      var s = 0;
      for (var j = 0; j < row.length; j++) s += w[j] * row[j];
      return s;
    });
  }

  var KERNELS = { wsm: wsm, wpm: wpm, topsis: topsis, vikor: vikor, promethee_ii: promethee };

  // ---- the method's input, as samvalg.evaluate builds it ----
  // scale-anchored values 0..1 (cost criteria turned round), or x - lower + 1 on a ratio scale;
  // `scores` are the panel's own, or a bundle member's (the panel's criteria, its options)
  function methodInput(panel, ratio, scores) {
    return (scores || panel.scores).map(function (row) {
      return row.map(function (x, j) {
        var c = panel.criteria[j];
        if (ratio) return x - c.lower + 1.0;
        var v = (x - c.lower) / (c.upper - c.lower);
        return c.type < 0 ? 1.0 - v : v;
      });
    });
  }

  function methodOptions(method) {
    var o = {};
    for (var k in method.options) o[k] = method.options[k];
    o.normalization = method.normalization;
    return o;
  }

  // the method's values of every option of `scores` (a service area's view)
  function methodValues(panel, method, w, scores) {
    var X = methodInput(panel, method.ratio_scale, scores);
    var types = X.length ? X[0].map(function () { return 1; }) : [];
    var X_in = zeroColumnsAsConstant(X, method.normalization);
    return KERNELS[method.id](X_in, w, types, methodOptions(method));
  }

  // a bundle (samvalg.evaluation._bundles): every member evaluated alone with the same
  // weights, its values of the bundle's options combined by the rule: sum_m a_m V_m(o)
  // ("fte", "equal") or the worst member's value ("min"; the first such member on a tie)
  function bundleValues(panel, method, w) {
    var sign = method.higher_is_better ? 1 : -1;
    var per = panel.members.map(function (mb) {
      var v = methodValues(panel, method, w, mb.scores);
      return mb.rows.map(function (r) { return v[r]; });
    });
    return panel.options.map(function (o, i) {
      var k, acc;
      if (panel.rule === 'min') {
        acc = per[0][i];
        for (k = 1; k < per.length; k++) if (sign * per[k][i] < sign * acc) acc = per[k][i];
        return acc;
      }
      acc = 0;
      for (k = 0; k < per.length; k++) acc += panel.members[k].share * per[k][i];
      return acc;
    });
  }

  // the decision values (in the method's own direction) and utilities (higher is better)
  function evaluate(panel, method, w) {
    var values = panel.kind === 'bundle' ? bundleValues(panel, method, w)
      : methodValues(panel, method, w);
    var utility = values.map(function (v) { return method.higher_is_better ? v : 0.0 - v; });
    return { values: values, utility: utility };
  }

  // samvalg.ranking.rank (1 = best, ties within atol share the lowest rank, chained), with
  // every feasible option ranked before every infeasible one
  function rankFeasibleFirst(utility, feasible) {
    var ranks = new Array(utility.length), offset = 0;
    [true, false].forEach(function (want) {
      var idx = [];
      for (var i = 0; i < utility.length; i++) if (!!feasible[i] === want) idx.push(i);
      idx.sort(function (a, b) { return (utility[b] - utility[a]) || (a - b); });
      var start = 0;
      for (var k = 0; k < idx.length; k++) {
        if (k > 0 && !(utility[idx[k - 1]] - utility[idx[k]] <= 1e-10)) start = k;
        ranks[idx[k]] = start + 1 + offset;
      }
      offset += idx.length;
    });
    return ranks;
  }

  // ---- weights: samvalg's hierarchy, and the one-at-a-time moves of samvalg.sensitivity ----
  // w_sj = (W_s / sum W) * (u_sj / sum u_s), as samvalg.evaluate composes the view's weights
  function hierarchicalWeights(panel) {
    var total = 0, w = new Array(panel.criteria.length);
    panel.sets.forEach(function (s) { total += s.weight; });
    panel.sets.forEach(function (s) {
      var share = total > 0 ? s.weight / total : 1.0 / panel.sets.length, sum = 0;
      s.local.forEach(function (u) { sum += u; });
      s.criteria.forEach(function (j, k) { w[j] = (share * s.local[k]) / sum; });
    });
    return w;
  }

  function sum(a) { var s = 0; for (var i = 0; i < a.length; i++) s += a[i]; return s; }

  function segment(w0, w1, t) {
    return w0.map(function (a, j) { return (1.0 - t) * a + t * w1[j]; });
  }

  // criterion j to weight t, the others rescaled in proportion (sensitivity's criterion sweep)
  function moveCriterion(w, j, t) {
    var total = sum(w), wn = w.map(function (x) { return x / total; });
    var others = wn.slice(), n = w.length;
    others[j] = 0.0;
    var rest = sum(others), start;
    if (rest > 0) start = others.map(function (x) { return x / rest; });
    else start = wn.map(function (x, k) { return k === j ? 0.0 : 1.0 / (n - 1); });
    var end = wn.map(function (x, k) { return k === j ? 1.0 : 0.0; });
    return segment(start, end, t);
  }

  // set s to weight t, the other sets rescaled in proportion and every local weight kept
  // (sensitivity's set sweep); `local` are the set's local weights when its share is 0
  function moveSet(w, idx, t, local) {
    var share = 0, k;
    for (k = 0; k < idx.length; k++) share += w[idx[k]];
    var loc = share > 0 ? idx.map(function (j) { return w[j] / share; }) : local.slice();
    var locSum = sum(loc), end = w.map(function () { return 0.0; });
    idx.forEach(function (j, q) { end[j] = loc[q] / locSum; });
    var rest = w.slice();
    idx.forEach(function (j) { rest[j] = 0.0; });
    var restSum = sum(rest);
    var start = restSum > 0 ? rest.map(function (x) { return x / restSum; })
      : rest.map(function () { return 0.0; });
    return segment(start, end, t);
  }

  return {
    normalize: normalize,
    zeroColumnsAsConstant: zeroColumnsAsConstant,
    kernels: KERNELS,
    vikorParts: vikorParts,
    prometheeFlows: prometheeFlows,
    methodInput: methodInput,
    methodValues: methodValues,
    bundleValues: bundleValues,
    evaluate: evaluate,
    rankFeasibleFirst: rankFeasibleFirst,
    hierarchicalWeights: hierarchicalWeights,
    moveCriterion: moveCriterion,
    moveSet: moveSet
  };
})();

if (typeof module !== 'undefined' && module.exports) module.exports = SamvalgWhatif;

// ---- the page ----
(function () {
  'use strict';
  if (typeof document === 'undefined') return;
  var holder = document.getElementById('samvalg-whatif-data');
  if (!holder) return;
  var DATA;
  try { DATA = JSON.parse(holder.textContent); } catch (e) { return; }
  if (!DATA || DATA.version !== 1 || !Array.isArray(DATA.panels)) return;
  var K = SamvalgWhatif, TEXT = DATA.text;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  }
  function fixed(x, digits) {
    var s = x.toFixed(digits);
    if (/^-0[.,]?0*$/.test(s)) s = s.slice(1);
    s = s.replace('-', '\u2212');
    return DATA.decimal === ',' ? s.replace('.', ',') : s;
  }
  function pct(x) { return fixed(100 * x, 1) + '\u00a0%'; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  var uid = 0;

  function Panel(panel, host) {
    var self = this;
    this.p = panel;
    this.initial = K.hierarchicalWeights(panel);
    this.w = this.initial.slice();
    this.moved = {};
    this.method = panel.methods.filter(function (m) { return m.id === DATA.method; })[0]
      || panel.methods[0];
    this.labels = {};
    panel.options.forEach(function (o) { self.labels[o.id] = o.label; });
    this.controls = [];

    var root = el('div', 'whatif');
    root.setAttribute('data-panel', panel.id);
    root.setAttribute('data-kind', panel.kind);
    root.appendChild(el('h4', null, TEXT.title));
    root.appendChild(el('p', 'note', TEXT.intro));
    if (panel.kind === 'bundle' && TEXT.bundle_intro) {
      root.appendChild(el('p', 'note', TEXT.bundle_intro));
    }

    var bar = el('div', 'whatif-bar');
    var fs = el('fieldset', 'whatif-methods');
    fs.appendChild(el('legend', null, TEXT.method));
    var group = 'whatif-method-' + (++uid);
    panel.methods.forEach(function (m) {
      var lab = el('label');
      var r = el('input');
      r.type = 'radio';
      r.name = group;
      r.value = m.id;
      r.checked = m === self.method;
      r.addEventListener('change', function () {
        if (r.checked) { self.method = m; self.update(); }
      });
      lab.appendChild(r);
      lab.appendChild(document.createTextNode(' ' + m.short));
      lab.title = m.label;
      fs.appendChild(lab);
    });
    bar.appendChild(fs);
    var reset = el('button', 'whatif-reset', TEXT.reset);
    reset.type = 'button';
    reset.addEventListener('click', function () { self.reset(); });
    bar.appendChild(reset);
    root.appendChild(bar);

    this.top = el('p', 'whatif-top');
    this.top.setAttribute('aria-live', 'polite');
    root.appendChild(this.top);

    var table = el('table', 'whatif-table');
    var head = el('tr');
    head.appendChild(el('th', 'r', TEXT.rank));
    head.appendChild(el('th', null, TEXT.option));
    this.heads = panel.methods.map(function (m) {
      var th = el('th', 'r', m.short);
      th.title = m.label + (m.higher_is_better ? '' : ' (' + TEXT.lower_better + ')');
      if (!m.higher_is_better) th.textContent = m.short + ' \u2193';
      head.appendChild(th);
      return th;
    });
    var thead = el('thead');
    thead.appendChild(head);
    table.appendChild(thead);
    this.tbody = el('tbody');
    table.appendChild(this.tbody);
    var scroll = el('div', 'whatif-scroll');
    scroll.appendChild(table);
    root.appendChild(scroll);

    var sets = el('div', 'whatif-group');
    sets.appendChild(el('h5', null, TEXT.sets));
    if (panel.sets.length > 1) {
      panel.sets.forEach(function (s) {
        sets.appendChild(self.control('set', s.id, s.label, s.criteria, s.local));
      });
      root.appendChild(sets);
    }
    panel.sets.forEach(function (s) {
      var box = el('details', 'whatif-group');
      box.appendChild(el('summary', null, fill(TEXT.criteria, { set: s.label })));
      s.criteria.forEach(function (j) {
        var c = panel.criteria[j];
        box.appendChild(self.control('criterion', c.id, c.label, [j], null));
      });
      root.appendChild(box);
    });
    host.appendChild(root);
    this.root = root;
    this.update();
  }

  Panel.prototype.control = function (kind, id, label, idx, local) {
    var self = this;
    var row = el('div', 'whatif-control');
    row.setAttribute('data-kind', kind);
    row.setAttribute('data-param', id);
    var name = el('label', 'whatif-name', label);
    var input = el('input');
    input.type = 'range';
    input.min = '0';
    input.max = '1';
    input.step = 'any';
    input.id = 'whatif-' + (++uid);
    name.htmlFor = input.id;
    input.setAttribute('aria-label', fill(TEXT.weight_of, { name: label }));
    input.setAttribute('data-kind', kind);
    input.setAttribute('data-param', id);
    var out = el('output', 'whatif-value');
    var track = el('div', 'whatif-track');
    var marks = el('div', 'whatif-marks');
    var wrap = el('div', 'whatif-slider');
    wrap.appendChild(input);
    wrap.appendChild(track);
    row.appendChild(name);
    row.appendChild(wrap);
    row.appendChild(out);
    row.appendChild(marks);
    var c = { kind: kind, id: id, idx: idx, local: local, input: input, out: out,
              track: track, marks: marks, row: row };
    function set(t) {
      t = Math.min(1, Math.max(0, t));
      self.w = kind === 'set' ? K.moveSet(self.w, idx, t, local) : K.moveCriterion(self.w, idx[0], t);
      self.moved[kind + ':' + id] = true;
      self.update(c);
    }
    input.addEventListener('input', function () { set(parseFloat(input.value)); });
    input.addEventListener('keydown', function (ev) {
      var step = ev.shiftKey ? 0.001 : 0.01, now = self.value(c), to = null;
      if (ev.key === 'ArrowRight' || ev.key === 'ArrowUp') to = now + step;
      else if (ev.key === 'ArrowLeft' || ev.key === 'ArrowDown') to = now - step;
      else if (ev.key === 'PageUp') to = now + 0.1;
      else if (ev.key === 'PageDown') to = now - 0.1;
      else if (ev.key === 'Home') to = 0;
      else if (ev.key === 'End') to = 1;
      if (to === null) return;
      ev.preventDefault();
      set(to);
    });
    this.controls.push(c);
    return row;
  };

  Panel.prototype.value = function (c) {
    var s = 0, total = 0, i;
    for (i = 0; i < c.idx.length; i++) s += this.w[c.idx[i]];
    for (i = 0; i < this.w.length; i++) total += this.w[i];
    return s / total;
  };

  Panel.prototype.reset = function () {
    this.w = this.initial.slice();
    this.moved = {};
    this.update();
  };

  Panel.prototype.update = function (active) {
    var self = this, p = this.p;
    var feasible = p.options.map(function (o) { return o.feasible; });
    var results = p.methods.map(function (m) {
      var r = K.evaluate(p, m, self.w);
      r.ranks = K.rankFeasibleFirst(r.utility, feasible);
      return r;
    });
    var mi = p.methods.indexOf(this.method), sel = results[mi];
    var order = p.options.map(function (o, i) { return i; });
    order.sort(function (a, b) { return (sel.ranks[a] - sel.ranks[b]) || (a - b); });
    while (this.tbody.firstChild) this.tbody.removeChild(this.tbody.firstChild);
    order.forEach(function (i, pos) {
      var o = p.options[i], tr = el('tr', pos === 0 ? 'em' : null);
      tr.setAttribute('data-option', o.id);
      tr.setAttribute('data-rank', String(sel.ranks[i]));
      tr.appendChild(el('td', 'r', String(sel.ranks[i])));
      var name = el('td', null, o.label);
      if (!o.feasible) name.appendChild(el('span', 'whatif-out', ' \u2013 ' + TEXT.infeasible));
      tr.appendChild(name);
      results.forEach(function (r, k) {
        var td = el('td', 'r' + (k === mi ? ' sel' : ''),
          fixed(r.values[i], 3) + ' (' + r.ranks[i] + ')');
        td.setAttribute('data-method', p.methods[k].id);
        tr.appendChild(td);
      });
      self.tbody.appendChild(tr);
    });
    this.heads.forEach(function (th, k) { th.className = 'r' + (k === mi ? ' sel' : ''); });
    var first = p.options[order[0]];
    this.root.setAttribute('data-top', first.id);
    this.top.textContent = fill(TEXT.top, { method: this.method.short, option: first.label });
    var movedKeys = Object.keys(this.moved);
    this.controls.forEach(function (c) {
      var v = self.value(c);
      if (c !== active) c.input.value = String(v);
      c.out.textContent = pct(v);
      self.drawMarks(c, movedKeys.length === 0 || (movedKeys.length === 1
        && movedKeys[0] === c.kind + ':' + c.id));
    });
  };

  Panel.prototype.drawMarks = function (c, fresh) {
    var self = this, marks = this.method.marks[c.id] || [];
    while (c.track.firstChild) c.track.removeChild(c.track.firstChild);
    c.marks.textContent = '';
    c.row.classList.toggle('stale', !fresh);
    var parts = [];
    marks.forEach(function (mk) {
      var tick = el('span', 'whatif-tick');
      tick.style.left = 'calc(8px + (100% - 16px) * ' + mk.t + ')';
      tick.title = pct(mk.t) + ': ' + self.labels[mk.below] + ' \u2192 ' + self.labels[mk.above];
      tick.setAttribute('data-t', String(mk.t));
      c.track.appendChild(tick);
      var initial = self.initialValue(c);
      parts.push(mk.t < initial
        ? fill(TEXT.below, { w: pct(mk.t), option: self.labels[mk.below] })
        : fill(TEXT.above, { w: pct(mk.t), option: self.labels[mk.above] }));
    });
    c.marks.textContent = parts.length
      ? TEXT.marks + ' ' + parts.join('; ') + (fresh ? '' : ' ' + TEXT.stale) : '';
  };

  Panel.prototype.initialValue = function (c) {
    var s = 0, total = 0, i;
    for (i = 0; i < c.idx.length; i++) s += this.initial[c.idx[i]];
    for (i = 0; i < this.initial.length; i++) total += this.initial[i];
    return s / total;
  };

  DATA.panels.forEach(function (panel) {
    var host = document.getElementById(panel.anchor);
    if (host) new Panel(panel, host);
  });
  document.documentElement.setAttribute('data-whatif', 'ready');
})();
