// A small kit of canvas panels for the image apps (panels.py): pixel grids (drawable with the
// mouse, clickable, with a window box, padding and numbers), rows of tiles (filters, feature maps),
// grouped bars and curves. Python sends `spec` (panels, titles, colours; rarely) and `frame`
// (every panel's data; binary arrays). A frame is drawn on receipt in a few milliseconds.

// Stats for tests and benchmarks: frames drawn, draw times, strokes and clicks sent.
const NS = (globalThis.__playgroundPanels ??= { frames: 0, lastFrame: 0, drawMs: [], strokes: 0, clicks: 0 });

function floats(v) {
  if (!v) return new Float32Array(0);
  if (v instanceof Float32Array) return v;
  const buf = v.buffer ?? v;
  const off = v.byteOffset ?? 0, len = v.byteLength ?? buf.byteLength;
  return new Float32Array(buf.slice(off, off + len)); // copy: the offset may not be aligned
}

function rgb(hex) {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

// 256-entry RGB table over [0, 1] from stops [[0, "#hex"], ..., [1, "#hex"]].
function lut(stops) {
  const out = new Uint8ClampedArray(256 * 3);
  const cols = stops.map(([p, c]) => [p, rgb(c)]);
  for (let i = 0; i < 256; i++) {
    const t = i / 255;
    let k = 0;
    while (k < cols.length - 2 && t > cols[k + 1][0]) k++;
    const [p0, c0] = cols[k], [p1, c1] = cols[k + 1];
    const f = p1 > p0 ? Math.min(1, Math.max(0, (t - p0) / (p1 - p0))) : 0;
    for (let j = 0; j < 3; j++) out[3 * i + j] = Math.round(c0[j] + f * (c1[j] - c0[j]));
  }
  return out;
}

function fmt(v, digits = 2) {
  if (!Number.isFinite(v)) return "–";
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(1);
  const s = v.toFixed(a >= 100 ? 0 : digits);
  return s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s;
}

function niceStep(span, n) {
  const raw = span / Math.max(1, n), p = 10 ** Math.floor(Math.log10(raw)), m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

const CSS = `
.pg-panels { font: 12px sans-serif; color: #333; background: #fff; position: relative; user-select: none; }
.pg-panels .pg-panels-row { display: flex; flex-flow: row wrap; gap: 6px 16px; align-items: flex-start; margin-bottom: 6px; }
.pg-panels .pg-panel-title { font-weight: 600; margin: 2px 0 2px 2px; max-width: 100%; }
.pg-panels canvas { display: block; touch-action: none; }
.pg-panels .pg-tip { position: absolute; pointer-events: none; background: rgba(255,255,255,0.95); border: 1px solid #bbb; border-radius: 3px; padding: 2px 6px; white-space: nowrap; display: none; z-index: 5; }
`;
const MARK = "#d62728";

function render({ model, el }) {
  if (!document.getElementById("pg-panels-css")) {
    const style = document.createElement("style");
    style.id = "pg-panels-css";
    style.textContent = CSS;
    document.head.appendChild(style);
  }
  el.classList.add("pg-panels");
  const tip = document.createElement("div");
  tip.className = "pg-tip";
  let S = null, luts = {}, F = {}, boxes = {}, frameId = 0;
  const local = {};  // name -> {values, seq, active}: a drawing in progress, shown until Python has it
  let sentSeq = 0, scale = 1, room = 0;

  // A panel at its own size (b.spec), at the scale of presenter mode, never wider than the room the
  // widget has (narrowed with its height in proportion); b.p is what the drawing code uses.
  function sizePanel(b) {
    const p = b.spec, k = room > 0 ? Math.min(1, room / (p.width * scale)) : 1;
    b.p = { ...p, width: Math.floor(p.width * k), height: Math.round(p.height * k) };
    b.ctx = setupCanvas(b.canvas, b.p.width, b.p.height, scale);
    b.title.style.width = `${b.p.width * scale}px`;
  }

  // -- structure -------------------------------------------------------------------------------
  function build() {
    S = model.get("spec") || {};
    for (const key of Object.keys(boxes)) delete boxes[key];
    el.replaceChildren();
    luts = {};
    for (const [name, stops] of Object.entries(S.colors || {})) luts[name] = lut(stops);
    for (const row of S.rows || []) {
      const line = document.createElement("div");
      line.className = "pg-panels-row";
      for (const name of row) {
        const p = (S.panels || {})[name];
        if (!p) continue;
        const box = document.createElement("div");
        box.className = `pg-panel pg-panel-${name}`;
        const title = document.createElement("div");
        title.className = "pg-panel-title";
        title.textContent = p.title || "";
        const canvas = document.createElement("canvas");
        canvas.className = `pg-panel-canvas pg-canvas-${name}`;
        canvas.setAttribute("role", "img");
        canvas.setAttribute("aria-label", p.title || name);
        if (p.click || p.draw) canvas.style.cursor = p.draw ? "crosshair" : "pointer";
        box.append(title, canvas);
        line.appendChild(box);
        boxes[name] = { box, title, canvas, spec: p, geo: null };
        sizePanel(boxes[name]);
        attach(name);
      }
      el.appendChild(line);
    }
    el.appendChild(tip);
  }

  // -- drawing the panels --------------------------------------------------------------------------
  function scaleIndex(v, lo, hi) {
    if (!Number.isFinite(v)) return -1;
    const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
    return Math.max(0, Math.min(255, Math.round(t * 255)));
  }

  const scratch = {};  // "rows x cols" -> an offscreen canvas and its image data, reused every frame
  function paintCells(ctx, values, rows, cols, lo, hi, table, x0, y0, cell) {
    const key = `${rows}x${cols}`;
    if (!scratch[key]) {
      const off = document.createElement("canvas");
      off.width = cols; off.height = rows;
      const octx = off.getContext("2d");
      scratch[key] = { off, octx, img: octx.createImageData(cols, rows) };
    }
    const { off, octx, img } = scratch[key];
    for (let i = 0; i < rows * cols; i++) {
      const k = scaleIndex(values[i], lo, hi);
      const o = 4 * i;
      if (k < 0) { img.data[o] = img.data[o + 1] = img.data[o + 2] = 255; }
      else { img.data[o] = table[3 * k]; img.data[o + 1] = table[3 * k + 1]; img.data[o + 2] = table[3 * k + 2]; }
      img.data[o + 3] = 255;
    }
    octx.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(off, x0, y0, cols * cell, rows * cell);
  }

  function gridLines(ctx, rows, cols, x0, y0, cell) {
    if (cell < 7) return;
    ctx.strokeStyle = "rgba(0,0,0,0.10)"; ctx.lineWidth = 1;
    ctx.beginPath();
    for (let r = 0; r <= rows; r++) { ctx.moveTo(x0, y0 + r * cell + 0.5); ctx.lineTo(x0 + cols * cell, y0 + r * cell + 0.5); }
    for (let c = 0; c <= cols; c++) { ctx.moveTo(x0 + c * cell + 0.5, y0); ctx.lineTo(x0 + c * cell + 0.5, y0 + rows * cell); }
    ctx.stroke();
  }

  function textColor(table, k) {
    if (k < 0) return "#333";
    const lum = 0.299 * table[3 * k] + 0.587 * table[3 * k + 1] + 0.114 * table[3 * k + 2];
    return lum < 120 ? "#fff" : "#111";
  }

  function drawGrid(b, d) {
    const { ctx, p } = b;
    const rows = d.rows, cols = d.cols;
    let values = floats(d.v);
    const L = local[b.name];
    if (L && L.values && d.pad !== undefined) {  // a drawing in progress replaces the image part
      values = Float32Array.from(values);
      const pad = d.pad || 0, ir = rows - 2 * pad, ic = cols - 2 * pad;
      for (let r = 0; r < ir; r++) for (let c = 0; c < ic; c++) values[(r + pad) * cols + c + pad] = L.values[r * ic + c];
    }
    const left = d.rlabels ? 22 : 0, top = d.clabels ? 16 : 0;
    const cell = Math.max(1, Math.min((p.width - left) / cols, (p.height - top) / rows));
    const x0 = left + (p.width - left - cell * cols) / 2, y0 = top;
    b.geo = { kind: "grid", x0, y0, cell, rows, cols, values };
    const table = luts[d.scale] || luts.gray;
    paintCells(ctx, values, rows, cols, d.lo, d.hi, table, x0, y0, cell);
    const pad = d.pad || 0;
    if (pad > 0) {  // the padding: zeros added around the image
      ctx.fillStyle = "rgba(240, 190, 60, 0.28)";
      ctx.fillRect(x0, y0, cols * cell, pad * cell);
      ctx.fillRect(x0, y0 + (rows - pad) * cell, cols * cell, pad * cell);
      ctx.fillRect(x0, y0 + pad * cell, pad * cell, (rows - 2 * pad) * cell);
      ctx.fillRect(x0 + (cols - pad) * cell, y0 + pad * cell, pad * cell, (rows - 2 * pad) * cell);
      ctx.setLineDash([4, 3]); ctx.strokeStyle = "#b07d00"; ctx.lineWidth = 1;
      ctx.strokeRect(x0 + pad * cell + 0.5, y0 + pad * cell + 0.5, (cols - 2 * pad) * cell, (rows - 2 * pad) * cell);
      ctx.setLineDash([]);
    }
    gridLines(ctx, rows, cols, x0, y0, cell);
    if (d.numbers && cell >= 18) {
      ctx.font = `${Math.min(13, Math.floor(cell / 2.6))}px sans-serif`;
      ctx.textAlign = "center"; ctx.textBaseline = "middle";
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) {
        const v = values[r * cols + c];
        ctx.fillStyle = textColor(table, scaleIndex(v, d.lo, d.hi));
        ctx.fillText(fmt(v, d.digits ?? 2), x0 + (c + 0.5) * cell, y0 + (r + 0.5) * cell);
      }
    }
    ctx.font = "11px sans-serif"; ctx.fillStyle = "#555"; ctx.textBaseline = "middle";
    if (d.rlabels) { ctx.textAlign = "right"; d.rlabels.forEach((s, r) => ctx.fillText(s, x0 - 4, y0 + (r + 0.5) * cell)); }
    if (d.clabels) { ctx.textAlign = "center"; d.clabels.forEach((s, c) => ctx.fillText(s, x0 + (c + 0.5) * cell, y0 - 8)); }
    if (d.box) {
      const [r0, c0, r1, c1] = d.box;
      ctx.strokeStyle = MARK; ctx.lineWidth = 2.5;
      ctx.strokeRect(x0 + c0 * cell, y0 + r0 * cell, (c1 - c0) * cell, (r1 - r0) * cell);
    }
    if (d.mark) {
      const [r, c] = d.mark;
      ctx.strokeStyle = MARK; ctx.lineWidth = 2.5;
      ctx.strokeRect(x0 + c * cell + 1, y0 + r * cell + 1, cell - 2, cell - 2);
    }
  }

  function drawTiles(b, d) {
    const { ctx, p } = b;
    const n = d.n, rows = d.rows, cols = d.cols, values = floats(d.v);
    const columns = Math.max(1, Math.min(n, d.columns || n)), lines = Math.ceil(n / columns);
    const label = d.labels ? 13 : 0, gap = 6;
    const cell = Math.max(1, Math.min((p.width - gap * (columns - 1)) / (columns * cols),
                                      (p.height - lines * label - gap * (lines - 1)) / (lines * rows)));
    const tw = cell * cols, th = cell * rows;
    const x00 = (p.width - columns * tw - gap * (columns - 1)) / 2;
    b.geo = { kind: "tiles", n, rows, cols, columns, cell, tw, th, label, gap, x00, values, lo: d.lo, hi: d.hi };
    const table = luts[d.scale] || luts.diverging;
    for (let i = 0; i < n; i++) {
      const x = x00 + (i % columns) * (tw + gap), y = Math.floor(i / columns) * (th + label + gap);
      const lo = Array.isArray(d.lo) ? d.lo[i] : d.lo, hi = Array.isArray(d.hi) ? d.hi[i] : d.hi;
      paintCells(ctx, values.subarray(i * rows * cols, (i + 1) * rows * cols), rows, cols, lo, hi, table, x, y, cell);
      ctx.strokeStyle = i === d.mark ? MARK : "#bbb"; ctx.lineWidth = i === d.mark ? 2.5 : 1;
      ctx.strokeRect(x + 0.5, y + 0.5, tw - 1, th - 1);
      if (d.labels) {
        ctx.font = "11px sans-serif"; ctx.fillStyle = "#555"; ctx.textAlign = "center"; ctx.textBaseline = "top";
        ctx.fillText(d.labels[i] ?? "", x + tw / 2, y + th + 1);
      }
    }
  }

  function drawBars(b, d) {
    const { ctx, p } = b;
    const groups = d.groups || [], series = d.series || [];
    const L = 34, R = 6, T = series.length > 1 ? 18 : 6, B = 18;
    const w = p.width - L - R, h = p.height - T - B, log = !!d.log;
    const f = (v) => (log ? Math.log10(Math.max(v, 1e-300)) : v);  // the axis' coordinate of a value
    const lo = f(d.lo ?? (log ? 1e-6 : 0)), hi = f(d.hi ?? 1);
    const Y = (v) => T + h - (Math.max(lo, Math.min(hi, f(v))) - lo) / (hi - lo || 1) * h;
    ctx.strokeStyle = "#ddd"; ctx.fillStyle = "#666"; ctx.font = "10px sans-serif"; ctx.textAlign = "right"; ctx.textBaseline = "middle";
    const step = log ? Math.max(1, Math.ceil((hi - lo) / 6)) : niceStep(hi - lo, 4);
    for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) {
      const value = log ? 10 ** v : v;
      ctx.beginPath(); ctx.moveTo(L, Y(value) + 0.5); ctx.lineTo(L + w, Y(value) + 0.5); ctx.stroke();
      ctx.fillText(log ? `1e${Math.round(v)}` : fmt(v), L - 4, Y(value));
    }
    const slot = w / Math.max(1, groups.length), bw = Math.max(2, (slot - 4) / Math.max(1, series.length));
    b.geo = { kind: "bars", L, slot, groups, series };
    const base = log ? T + h : Y(Math.max(lo, 0));  // bars grow from the axis' bottom (log) or from 0
    series.forEach((s, k) => {
      const vals = floats(s.values);
      ctx.fillStyle = s.color;
      for (let i = 0; i < groups.length; i++) {
        const x = L + i * slot + 2 + k * bw, y = Y(vals[i]);
        ctx.fillRect(x, Math.min(y, base), bw - 1, Math.abs(base - y));
      }
    });
    ctx.textAlign = "center"; ctx.textBaseline = "top";
    groups.forEach((g, i) => {
      ctx.font = i === d.mark ? "bold 12px sans-serif" : "11px sans-serif";
      ctx.fillStyle = i === d.mark ? MARK : "#444";
      ctx.fillText(g, L + (i + 0.5) * slot, T + h + 3);
    });
    legend(ctx, series, p.width - R, 2);
  }

  function legend(ctx, series, right, top) {
    if (series.length < 2) return;
    ctx.font = "11px sans-serif"; ctx.textBaseline = "top"; ctx.textAlign = "left";
    let x = right;
    for (let k = series.length - 1; k >= 0; k--) {
      const s = series[k], w = ctx.measureText(s.name).width;
      x -= w + 22;
      ctx.fillStyle = s.color; ctx.fillRect(x, top + 3, 12, 8);
      if (s.dash) { ctx.fillStyle = "#fff"; ctx.fillRect(x + 4, top + 3, 3, 8); }
      ctx.fillStyle = "#333"; ctx.fillText(s.name, x + 15, top);
    }
  }

  function drawCurves(b, d) {
    const { ctx, p } = b;
    const series = (d.series || []).map((s) => ({ ...s, xs: floats(s.x), ys: floats(s.y) }));
    const L = 40, R = 8, T = 20, B = 22, w = p.width - L - R, h = p.height - T - B;
    let xMax = 1, lo = d.lo, hi = d.hi;
    const all = [];
    for (const s of series) for (let i = 0; i < s.xs.length; i++) {
      xMax = Math.max(xMax, s.xs[i]);
      if (Number.isFinite(s.ys[i])) all.push(s.ys[i]);
    }
    if (lo == null) lo = all.length ? Math.min(...all) : 0;
    if (hi == null) hi = all.length ? Math.max(...all) : 1;
    if (!(hi > lo)) hi = lo + 1;
    const X = (x) => L + x / xMax * w, Y = (v) => T + h - (Math.max(lo, Math.min(hi, v)) - lo) / (hi - lo) * h;
    ctx.strokeStyle = "#e3e3e3"; ctx.fillStyle = "#666"; ctx.font = "10px sans-serif"; ctx.lineWidth = 1;
    ctx.textAlign = "right"; ctx.textBaseline = "middle";
    const ys = niceStep(hi - lo, 4);
    for (let v = Math.ceil(lo / ys) * ys; v <= hi + 1e-9; v += ys) {
      ctx.beginPath(); ctx.moveTo(L, Y(v) + 0.5); ctx.lineTo(L + w, Y(v) + 0.5); ctx.stroke();
      ctx.fillText(fmt(v), L - 4, Y(v));
    }
    ctx.textAlign = "center"; ctx.textBaseline = "top";
    const xs = niceStep(xMax, 5);
    for (let v = 0; v <= xMax + 1e-9; v += xs) ctx.fillText(fmt(v), X(v), T + h + 3);
    if (d.xlabel) { ctx.textAlign = "right"; ctx.fillText(d.xlabel, L + w, T + h + 11); }
    ctx.strokeStyle = "#999"; ctx.strokeRect(L + 0.5, T + 0.5, w, h);
    for (const s of series) {
      if (!s.xs.length) continue;
      ctx.strokeStyle = s.color; ctx.lineWidth = 1.8; ctx.setLineDash(s.dash ? [5, 3] : []);
      ctx.beginPath();
      let started = false;
      for (let i = 0; i < s.xs.length; i++) {
        if (!Number.isFinite(s.ys[i])) { started = false; continue; }
        if (started) ctx.lineTo(X(s.xs[i]), Y(s.ys[i])); else { ctx.moveTo(X(s.xs[i]), Y(s.ys[i])); started = true; }
      }
      ctx.stroke();
    }
    ctx.setLineDash([]);
    legend(ctx, series, p.width - R, 2);
    b.geo = { kind: "curves" };
  }

  const DRAW = { grid: drawGrid, tiles: drawTiles, bars: drawBars, curves: drawCurves };

  function drawPanel(name, force = true) {
    const b = boxes[name];
    if (!b) return;
    b.name = name;
    const d = F[name];
    b.box.style.display = d ? "" : "none";
    if (!d) return;
    // a panel whose data did not change since it was drawn is left as it is (``ver``: Python's count)
    if (!force && !local[name] && d.ver != null && b.ver === d.ver) return;
    b.ver = d.ver;
    if (d.title != null && b.title.textContent !== d.title) b.title.textContent = d.title;
    b.ctx.clearRect(0, 0, b.p.width, b.p.height);
    const fn = DRAW[d.kind];
    if (fn) fn(b, d);
  }

  function drawAll(force = false) {
    const t0 = performance.now();
    for (const name of Object.keys(boxes)) drawPanel(name, force);
    NS.drawMs.push(performance.now() - t0);
    if (NS.drawMs.length > 500) NS.drawMs.splice(0, NS.drawMs.length - 500);
  }

  // -- pointer: hover values, clicks, drawing ------------------------------------------------------
  const pos = (e, canvas) => { const r = canvas.getBoundingClientRect(); return [(e.clientX - r.left) / scale, (e.clientY - r.top) / scale]; };
  function showTip(e, text) {
    if (!text) { tip.style.display = "none"; return; }
    const r = el.getBoundingClientRect();
    tip.textContent = text;
    tip.style.display = "block";
    tip.style.left = `${e.clientX - r.left + 12}px`;
    tip.style.top = `${e.clientY - r.top + 12}px`;
  }

  function hit(b, mx, my) {  // [r, c, tile] under the pointer, or null
    const g = b.geo;
    if (!g) return null;
    if (g.kind === "grid") {
      const c = Math.floor((mx - g.x0) / g.cell), r = Math.floor((my - g.y0) / g.cell);
      return r >= 0 && r < g.rows && c >= 0 && c < g.cols ? [r, c, -1] : null;
    }
    if (g.kind === "tiles") {
      const i = Math.floor((mx - g.x00) / (g.tw + g.gap)), line = Math.floor(my / (g.th + g.label + g.gap));
      const x = mx - g.x00 - i * (g.tw + g.gap), y = my - line * (g.th + g.label + g.gap);
      const tile = line * g.columns + i;
      if (i < 0 || i >= g.columns || tile >= g.n || x < 0 || x >= g.tw || y < 0 || y >= g.th) return null;
      return [Math.floor(y / g.cell), Math.floor(x / g.cell), tile];
    }
    if (g.kind === "bars") {
      const i = Math.floor((mx - g.L) / g.slot);
      return i >= 0 && i < g.groups.length ? [0, i, -1] : null;
    }
    return null;
  }

  function tipText(b, at) {
    const g = b.geo, d = F[b.name] || {};
    if (!g || !at) return "";
    const [r, c, tile] = at;
    if (g.kind === "grid") {
      const v = g.values[r * g.cols + c], pad = d.pad || 0;
      const where = d.rlabels && d.clabels ? `${d.rlabels[r]} → ${d.clabels[c]}` : `(${r - pad}, ${c - pad})`;
      return `${where}: ${fmt(v, d.digits ?? 2)}`;
    }
    if (g.kind === "tiles") {
      const v = g.values[tile * g.rows * g.cols + r * g.cols + c];
      return `${(d.labels || [])[tile] ?? tile} (${r}, ${c}): ${fmt(v)}`;
    }
    if (g.kind === "bars") {
      return `${g.groups[c]}: ` + g.series.map((s) => `${s.name} ${fmt(floats(s.values)[c])}`).join(" · ");
    }
    return "";
  }

  // The brush: every cell within `radius` of the pointer's cell, full strength at the centre.
  function paint(name, r, c) {
    const b = boxes[name], L = local[name], d = F[name];
    if (!b || !L || !d) return;
    const pad = d.pad || 0, ir = d.rows - 2 * pad, ic = d.cols - 2 * pad;
    const R = b.p.draw.radius || 0, erase = model.get("pen") === "erase";
    const cr = r - pad, cc = c - pad, reach = Math.ceil(R);
    for (let dr = -reach; dr <= reach; dr++) for (let dc = -reach; dc <= reach; dc++) {
      const rr = cr + dr, c2 = cc + dc;
      if (rr < 0 || rr >= ir || c2 < 0 || c2 >= ic) continue;
      const dist = Math.hypot(dr, dc);
      if (dist > R + 1e-9) continue;
      const strength = R > 0 ? Math.min(1, 1.25 * (1 - dist / (R + 1))) : 1;
      const k = rr * ic + c2;
      L.values[k] = erase ? Math.min(L.values[k], 1 - strength) : Math.max(L.values[k], strength);
    }
  }

  function sendDrawing(name, done) {
    const L = local[name], d = F[name];
    if (!L || !d) return;
    const pad = d.pad || 0;
    sentSeq += 1;
    L.seq = sentSeq;
    L.lastSent = performance.now();
    NS.strokes += done ? 1 : 0;
    model.send({ type: "draw", panel: name, seq: sentSeq, done, rows: d.rows - 2 * pad, cols: d.cols - 2 * pad,
                 values: Array.from(L.values, (v) => Math.round(v * 1000) / 1000) });
  }

  function attach(name) {
    const b = boxes[name], canvas = b.canvas;
    let down = null, last = null;
    canvas.addEventListener("pointermove", (e) => {
      const at = hit(b, ...pos(e, canvas));
      showTip(e, tipText(b, at));
      if (!down || !b.p.draw || !at) return;
      if (last && at[0] === last[0] && at[1] === last[1]) return;
      // fill the cells between two pointer positions, so a fast stroke has no gaps
      const steps = last ? Math.max(Math.abs(at[0] - last[0]), Math.abs(at[1] - last[1])) : 1;
      for (let s = 1; s <= steps; s++) {
        const r = last ? Math.round(last[0] + (at[0] - last[0]) * s / steps) : at[0];
        const c = last ? Math.round(last[1] + (at[1] - last[1]) * s / steps) : at[1];
        paint(name, r, c);
      }
      last = at;
      drawPanel(name);
      if (performance.now() - (local[name].lastSent || 0) > 120) sendDrawing(name, false);
    });
    canvas.addEventListener("pointerleave", () => showTip(null, ""));
    canvas.addEventListener("pointerdown", (e) => {
      const at = hit(b, ...pos(e, canvas));
      if (!at) return;
      down = at;
      last = null;
      if (b.p.draw && F[name]) {
        const d = F[name], pad = d.pad || 0, ir = d.rows - 2 * pad, ic = d.cols - 2 * pad;
        if (at[0] < pad || at[0] >= d.rows - pad || at[1] < pad || at[1] >= d.cols - pad) return;
        const v = floats(d.v), L = (local[name] = { values: new Float32Array(ir * ic), seq: 0, active: true });
        for (let r = 0; r < ir; r++) for (let c = 0; c < ic; c++) L.values[r * ic + c] = v[(r + pad) * d.cols + c + pad];
        canvas.setPointerCapture?.(e.pointerId);
        paint(name, at[0], at[1]);
        last = at;
        drawPanel(name);
      }
    });
    const finish = (e) => {
      if (!down) return;
      const at = hit(b, ...pos(e, canvas)) || down;
      if (b.p.draw && local[name] && local[name].active) {
        local[name].active = false;
        sendDrawing(name, true);
      } else if (b.p.click) {
        NS.clicks += 1;
        model.send({ type: "cell", panel: name, r: at[0], c: at[1], tile: at[2] });
      }
      down = null;
    };
    canvas.addEventListener("pointerup", finish);
    canvas.addEventListener("pointercancel", finish);
  }

  // -- from Python ------------------------------------------------------------------------------
  function onSpec() { build(); onFrame(true); }
  function onFrame(force = false) {
    const f = model.get("frame") || {};
    F = f.panels || {};
    frameId = f.id || 0;
    for (const [name, L] of Object.entries(local)) {  // Python has the drawing: show its picture again
      const d = F[name];
      if (L && !L.active && d && (d.seq || 0) >= L.seq) delete local[name];
    }
    drawAll(force === true);
    NS.frames += 1;
    NS.lastFrame = frameId;
    el.dataset.frame = String(frameId);
  }
  // every panel fits the room the widget has, at the scale of presenter mode, sharp at any pixel ratio
  function fit({ width, scale: k }) {
    room = width;
    scale = k;
    el.style.fontSize = `${12 * scale}px`;
    for (const b of Object.values(boxes)) sizePanel(b);
    drawAll(true);
  }
  model.on("change:spec", onSpec);
  model.on("change:frame", onFrame);
  onSpec();
  const unwatch = watchFit(el, model, fit);
  return () => {
    unwatch();
    model.off("change:spec", onSpec);
    model.off("change:frame", onFrame);
  };
}

export default { render };
