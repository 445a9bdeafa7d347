// The Playground's live picture on four canvases: network graph, output plane, gradient bars,
// loss curves. Python (playground_canvas.py) sends three traits: `structure` (network shape,
// colours, titles; rarely), `points` (the data; on change) and `frame` (every frame: binary
// arrays). Drawing a frame takes a few milliseconds, so the browser keeps up with the kernel.

// Stats for tests and benchmarks: frames drawn, the last frame id, draw times, data changes.
const NS = (globalThis.__playgroundCanvas ??= { frames: 0, lastFrame: 0, drawMs: [], points: 0 });

function floats(v) {
  if (!v) return new Float32Array(0);
  if (v instanceof Float32Array) return v;
  const buf = v.buffer ?? v;
  const off = v.byteOffset ?? 0, len = v.byteLength ?? buf.byteLength;
  return new Float32Array(buf.slice(off, off + len)); // copy: the offset may not be aligned
}

function bytes(v) {
  if (!v) return new Uint8Array(0);
  const buf = v.buffer ?? v;
  return new Uint8Array(buf, v.byteOffset ?? 0, v.byteLength ?? buf.byteLength);
}

function rgb(hex) {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

// 256-entry RGB table over [0, 1] from plotly-style stops [[0, "#hex"], ..., [1, "#hex"]].
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

function fmt(v) {
  if (!Number.isFinite(v)) return "–";
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e4) ? v.toExponential(1) : a >= 100 ? v.toFixed(0) : v.toFixed(3);
}

function niceStep(span, n) {
  const raw = span / Math.max(1, n), p = 10 ** Math.floor(Math.log10(raw)), m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

const SUPER = { "-": "⁻", 0: "⁰", 1: "¹", 2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶", 7: "⁷", 8: "⁸", 9: "⁹" };
const pow10 = (k) => "10" + String(k).split("").map((c) => SUPER[c]).join("");

// Marker shapes, as plotly names them, centred on (x, y) with radius r.
function marker(ctx, symbol, x, y, r) {
  ctx.beginPath();
  const poly = (pts) => { ctx.moveTo(x + pts[0][0] * r, y + pts[0][1] * r); for (const [a, b] of pts.slice(1)) ctx.lineTo(x + a * r, y + b * r); ctx.closePath(); };
  switch (symbol) {
    case "diamond": poly([[0, -1.3], [1.3, 0], [0, 1.3], [-1.3, 0]]); break;
    case "square": poly([[-0.9, -0.9], [0.9, -0.9], [0.9, 0.9], [-0.9, 0.9]]); break;
    case "triangle-up": poly([[0, -1.25], [1.15, 0.8], [-1.15, 0.8]]); break;
    case "cross": poly([[-0.35, -1], [0.35, -1], [0.35, -0.35], [1, -0.35], [1, 0.35], [0.35, 0.35], [0.35, 1], [-0.35, 1], [-0.35, 0.35], [-1, 0.35], [-1, -0.35], [-0.35, -0.35]]); break;
    case "x": { const s = 0.3, o = 1; poly([[-o, -o + s], [-o + s, -o], [0, -s], [o - s, -o], [o, -o + s], [s, 0], [o, o - s], [o - s, o], [0, s], [-o + s, o], [-o, o - s], [-s, 0]]); break; }
    case "star": { const pts = []; for (let i = 0; i < 10; i++) { const a = -Math.PI / 2 + i * Math.PI / 5, q = i % 2 ? 0.5 : 1.3; pts.push([q * Math.cos(a), q * Math.sin(a)]); } poly(pts); break; }
    case "hexagon": { const pts = []; for (let i = 0; i < 6; i++) { const a = i * Math.PI / 3; pts.push([1.1 * Math.cos(a), 1.1 * Math.sin(a)]); } poly(pts); break; }
    default: ctx.arc(x, y, r, 0, 2 * Math.PI);
  }
}

const CSS = `
.pg-canvas { display: grid; grid-template-columns: auto auto; gap: 6px 14px; font: 12px sans-serif; color: #333; background: #fff; position: relative; user-select: none; }
.pg-canvas .pg-panel-title { font-weight: 600; margin: 2px 0 2px 4px; }
.pg-canvas canvas { display: block; }
.pg-canvas .pg-tip { position: absolute; pointer-events: none; background: rgba(255,255,255,0.95); border: 1px solid #bbb; border-radius: 3px; padding: 2px 6px; white-space: nowrap; display: none; z-index: 5; }
`;

// The panels' sizes at scale 1 (each view's SIZE: the sizes they have now, in the units the drawing
// code uses: CSS pixels divided by the scale; presenter mode draws everything `scale` times larger).
const NATURAL = { network: [460, 370], plane: [370, 370], grads: [460, 160], loss: [370, 160] };
const GAP = 14;  // CSS px between the columns
const NARROWEST = 0.75;  // two columns narrowed to this share of their width at most, then one column

// Sizes for a widget `width` CSS px wide (0: unknown) at `scale`: network and gradients on the left,
// plane and loss on the right, narrowed together when the room is a little short; one column of
// panels no wider than the room when it is shorter still.
function panelSizes(width, scale) {
  const room = width > 0 ? (width - GAP) / scale : Infinity, pair = NATURAL.network[0] + NATURAL.plane[0];
  const k = Math.min(1, room / pair), out = {};
  if (k >= NARROWEST) {
    const left = Math.floor(NATURAL.network[0] * k), right = Math.floor(NATURAL.plane[0] * k);
    Object.assign(out, { network: [left, right], plane: [right, right], grads: [left, 160], loss: [right, 160] });
    return { columns: 2, sizes: out };
  }
  const one = Math.max(120, Math.floor(width / scale));
  for (const [name, [w, h]] of Object.entries(NATURAL)) {
    const lw = Math.min(w, one);
    out[name] = [lw, name === "network" || name === "plane" ? Math.round(h * lw / w) : h];
  }
  return { columns: 1, sizes: out };
}

function render({ model, el }) {
  if (!document.getElementById("pg-canvas-css")) {
    const style = document.createElement("style");
    style.id = "pg-canvas-css";
    style.textContent = CSS;
    document.head.appendChild(style);
  }
  el.classList.add("pg-canvas");
  const panels = {}, titles = {}, ctxs = {};
  for (const name of ["network", "plane", "grads", "loss"]) {
    const box = document.createElement("div");
    box.className = `pg-panel pg-panel-${name}`;
    const title = document.createElement("div");
    title.className = "pg-panel-title";
    const canvas = document.createElement("canvas");
    canvas.className = `pg-canvas-${name}`;
    canvas.setAttribute("role", "img");
    box.append(title, canvas);
    el.appendChild(box);
    panels[name] = canvas;
    titles[name] = title;
  }
  const SIZE = structuredClone(NATURAL);
  let scale = 1;
  const tip = document.createElement("div");
  tip.className = "pg-tip";
  el.appendChild(tip);

  let S = null, P = null, F = null;  // structure, points, frame (decoded)
  let luts = null, hover = null, hoverGrad = null, hoverEpoch = null;
  const off = document.createElement("canvas");  // the surface at its own resolution
  const tiles = document.createElement("canvas");  // every neuron's tile at its own resolution

  function decodeStructure() {
    S = model.get("structure") || null;
    if (!S || !S.sizes) { S = null; return; }
    luts = { diverging: lut(S.colors.diverging), surface: lut(S.colors.surface) };
    titles.network.textContent = S.titles.network;
    titles.grads.textContent = S.titles.grads;
    titles.loss.textContent = S.titles.loss;
    for (const n of ["network", "plane", "grads", "loss"]) panels[n].setAttribute("aria-label", S.titles[n] || n);
    place();
  }

  // screen placement of the layout's pixel units on the network panel
  function place() {
    if (!S) return;
    const [w, h] = SIZE.network, padL = 52, padR = 64, padT = 20;
    const s = Math.min((w - padL - padR) / S.width, (h - padT - 8) / S.height);
    S.place = { s, x0: padL + (w - padL - padR - s * S.width) / 2, y0: padT + (h - padT - 8 - s * S.height) / 2 };
    // for tests: the network's shape and where each tile is on the network canvas
    el.dataset.sizes = S.sizes.join(",");
    NS.tiles = S.origins.map((layer) => layer.map(([x, y]) => [...toScreen(x, y), s * S.tile]));
  }

  function decodePoints() {
    const p = model.get("points") || {};
    P = { x: floats(p.x), y: floats(p.y), label: floats(p.label), test: bytes(p.test), problem: p.problem, bounds: p.bounds || [-6, 6] };
  }

  function decodeFrame() {
    const f = model.get("frame") || {};
    if (!f.surface) { F = null; return; }
    F = {
      id: f.id, n: f.n, surface: floats(f.surface), zrange: f.zrange, scale: f.scale, title: f.title,
      tiles: bytes(f.tiles), weights: (f.weights || []).map(floats), grads: floats(f.grads),
      history: Object.fromEntries(Object.entries(f.history || {}).map(([k, v]) => [k, floats(v)])),
      selected: f.selected,
    };
  }

  // -- network ---------------------------------------------------------------------------------
  const toScreen = (x, y) => [S.place.x0 + S.place.s * x, S.place.y0 + S.place.s * y];

  function drawNetwork() {
    const ctx = ctxs.network, [w, h] = SIZE.network;
    ctx.clearRect(0, 0, w, h);
    if (!matches()) return;
    const t = S.tile, s = S.place.s;
    // links below the tiles: width by |w|, colour by sign and size (TensorFlow Playground's look)
    ctx.lineCap = "round";
    for (let l = 0; l < F.weights.length; l++) {
      const W = F.weights[l], src = S.origins[l], dst = S.origins[l + 1], nIn = src.length;
      for (let j = 0; j < dst.length; j++) {
        for (let i = 0; i < nIn; i++) {
          const v = W[j * nIn + i];
          if (!Number.isFinite(v)) continue;
          const k = Math.round((Math.max(-1, Math.min(1, v)) + 1) * 127.5) * 3;
          ctx.strokeStyle = `rgb(${luts.diverging[k]},${luts.diverging[k + 1]},${luts.diverging[k + 2]})`;
          ctx.lineWidth = Math.max(0.5, Math.min(8, 0.5 + 1.6 * Math.abs(v))) * Math.min(1, s * t / 30 + 0.4);
          const [x0, y0] = toScreen(src[i][0] + t, src[i][1] + t / 2), [x1, y1] = toScreen(dst[j][0], dst[j][1] + t / 2);
          ctx.beginPath();
          ctx.moveTo(x0, y0);
          ctx.bezierCurveTo((x0 + x1) / 2, y0, (x0 + x1) / 2, y1, x1, y1);
          ctx.stroke();
        }
      }
    }
    // tiles: one image holding every tile (row 0 of each tile is its bottom: y up)
    tiles.width = t;
    tiles.height = t * S.count;
    const tctx = tiles.getContext("2d"), img = tctx.createImageData(t, t * S.count), d = img.data;
    const lt = luts.diverging;
    for (let n = 0; n < S.count; n++) {
      for (let r = 0; r < t; r++) {
        for (let c = 0; c < t; c++) {
          const q = F.tiles[(n * t + r) * t + c], o = 4 * ((n * t + (t - 1 - r)) * t + c);
          if (q === 255) { d[o] = d[o + 1] = d[o + 2] = 255; } else { const k = Math.round(q * 255 / 254) * 3; d[o] = lt[k]; d[o + 1] = lt[k + 1]; d[o + 2] = lt[k + 2]; }
          d[o + 3] = 255;
        }
      }
    }
    tctx.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    let n = 0;
    for (let l = 0; l < S.origins.length; l++) {
      for (let i = 0; i < S.origins[l].length; i++, n++) {
        const [x, y] = toScreen(S.origins[l][i][0], S.origins[l][i][1]), size = s * t;
        ctx.drawImage(tiles, 0, n * t, t, t, x, y, size, size);
        const sel = F.selected && F.selected[0] === l && F.selected[1] === i;
        const hov = hover && hover[0] === l && hover[1] === i;
        ctx.lineWidth = sel ? 2.5 : 1;
        ctx.strokeStyle = sel ? "#111" : hov ? "#555" : "#bbb";
        ctx.strokeRect(x - 0.5, y - 0.5, size + 1, size + 1);
      }
    }
    // labels: inputs on the left, outputs on the right, a header per column
    ctx.fillStyle = "#444";
    ctx.font = "12px sans-serif";
    ctx.textBaseline = "middle";
    const last = S.origins.length - 1;
    ctx.textAlign = "right";
    S.input_labels.forEach((label, i) => { const [x, y] = toScreen(S.origins[0][i][0], S.origins[0][i][1] + t / 2); ctx.fillText(label, x - 5, y); });
    ctx.textAlign = "left";
    S.output_labels.forEach((label, i) => { const [x, y] = toScreen(S.origins[last][i][0] + t, S.origins[last][i][1] + t / 2); ctx.fillText(label, x + 5, y); });
    ctx.textAlign = "center";
    ctx.fillStyle = "#777";
    ctx.font = "11px sans-serif";
    S.column_titles.forEach((label, l) => { const [x] = toScreen(S.origins[l][0][0] + t / 2, 0); ctx.fillText(label, x, 9); });
  }

  function tileAt(mx, my) {
    if (!S) return null;
    const t = S.tile;
    for (let l = 0; l < S.origins.length; l++) {
      for (let i = 0; i < S.origins[l].length; i++) {
        const [x, y] = toScreen(S.origins[l][i][0], S.origins[l][i][1]), size = S.place.s * t;
        if (mx >= x - 2 && mx <= x + size + 2 && my >= y - 2 && my <= y + size + 2) return [l, i];
      }
    }
    return null;
  }

  // -- output plane ----------------------------------------------------------------------------
  const PL = { l: 34, r: 8, t: 6, b: 30 };
  function planeBox() {
    const [w, h] = SIZE.plane;
    return { x: PL.l, y: PL.t, w: w - PL.l - PL.r, h: h - PL.t - PL.b };
  }
  const dataToPlane = (b, bounds, x, y) => [b.x + (x - bounds[0]) / (bounds[1] - bounds[0]) * b.w, b.y + (bounds[1] - y) / (bounds[1] - bounds[0]) * b.h];

  function drawPlane() {
    const ctx = ctxs.plane, [w, h] = SIZE.plane, b = planeBox();
    ctx.clearRect(0, 0, w, h);
    if (!S || !F || !P) return;
    // hovering a neuron shows its map here at once (its tile, drawn by drawNetwork); a click asks
    // the kernel for it at full resolution and keeps it while training
    const hv = hover && matches() ? hover : null;
    titles.plane.textContent = hv ? S.neuron_names[hv[0]][hv[1]] : F.title;
    ctx.save();
    ctx.beginPath();
    ctx.rect(b.x, b.y, b.w, b.h);
    ctx.clip();
    if (hv) {
      const t = S.tile, idx = S.origins.slice(0, hv[0]).reduce((a, o) => a + o.length, 0) + hv[1];
      const cw = b.w / (t - 1), ch = b.h / (t - 1);  // cell centres sit on the bounds
      ctx.imageSmoothingEnabled = true;
      ctx.drawImage(tiles, 0, idx * t, t, t, b.x - cw / 2, b.y - ch / 2, b.w + cw, b.h + ch);
    } else {
      drawSurface(ctx, b);
    }
    drawPoints(ctx, b);
    ctx.restore();
    drawPlaneAxes(ctx, b);
  }

  function drawSurface(ctx, b) {
    const n = F.n, z = F.surface, [lo, hi] = F.zrange, d = new Uint8ClampedArray(n * n * 4);
    const classes = S.colors.classes.map(rgb);
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < n; c++) {
        const v = z[r * n + c], o = 4 * ((n - 1 - r) * n + c);
        if (!Number.isFinite(v)) { d[o] = d[o + 1] = d[o + 2] = 255; d[o + 3] = 255; continue; }
        if (F.scale === "classes") {
          const col = classes[Math.round(v) % classes.length];
          for (let j = 0; j < 3; j++) d[o + j] = Math.round(255 + 0.55 * (col[j] - 255));
        } else {
          const k = Math.round(Math.max(0, Math.min(1, (v - lo) / (hi - lo || 1))) * 255) * 3;
          d[o] = luts.surface[k]; d[o + 1] = luts.surface[k + 1]; d[o + 2] = luts.surface[k + 2];
        }
        d[o + 3] = 255;
      }
    }
    off.width = off.height = n;
    off.getContext("2d").putImageData(new ImageData(d, n, n), 0, 0);
    ctx.imageSmoothingEnabled = F.scale !== "classes";
    // cell centres sit on the bounds: the image reaches half a cell beyond them
    const cw = b.w / (n - 1), ch = b.h / (n - 1);
    ctx.drawImage(off, b.x - cw / 2, b.y - ch / 2, b.w + cw, b.h + ch);
  }

  // points: class by colour and shape; test points outlined in black
  function drawPoints(ctx, b) {
    const bounds = P.bounds, reg = P.problem === "regression";
    for (let i = 0; i < P.x.length; i++) {
      const [px, py] = dataToPlane(b, bounds, P.x[i], P.y[i]), lab = P.label[i];
      if (reg) {
        const k = Math.round((Math.max(-1, Math.min(1, lab)) + 1) * 127.5) * 3;
        ctx.fillStyle = `rgb(${luts.diverging[k]},${luts.diverging[k + 1]},${luts.diverging[k + 2]})`;
        marker(ctx, "circle", px, py, 3.5);
      } else {
        const c = Math.round(lab);
        ctx.fillStyle = S.colors.classes[c % S.colors.classes.length];
        marker(ctx, S.colors.symbols[c % S.colors.symbols.length], px, py, 3.5);
      }
      ctx.fill();
      ctx.lineWidth = P.test[i] ? 1.4 : 1;
      ctx.strokeStyle = P.test[i] ? "#000" : "#fff";
      ctx.stroke();
    }
  }

  function drawPlaneAxes(ctx, b) {
    const [, h] = SIZE.plane, bounds = P.bounds;
    ctx.strokeStyle = "#999";
    ctx.lineWidth = 1;
    ctx.strokeRect(b.x - 0.5, b.y - 0.5, b.w + 1, b.h + 1);
    ctx.fillStyle = "#555";
    ctx.font = "11px sans-serif";
    const step = niceStep(bounds[1] - bounds[0], 6);
    for (let v = Math.ceil(bounds[0] / step) * step; v <= bounds[1] + 1e-9; v += step) {
      const [x, y] = dataToPlane(b, bounds, v, v), label = String(Math.round(v * 100) / 100);
      ctx.textAlign = "center"; ctx.textBaseline = "top"; ctx.fillText(label, x, b.y + b.h + 4);
      ctx.textAlign = "right"; ctx.textBaseline = "middle"; ctx.fillText(label, b.x - 4, y);
    }
    ctx.textAlign = "center"; ctx.textBaseline = "bottom";
    ctx.fillText("x₁", b.x + b.w / 2, h - 1);
    ctx.save(); ctx.translate(9, b.y + b.h / 2); ctx.rotate(-Math.PI / 2); ctx.textBaseline = "middle"; ctx.fillText("x₂", 0, 0); ctx.restore();
  }

  function planeAt(mx, my) {
    const b = planeBox();
    if (!P || mx < b.x || mx > b.x + b.w || my < b.y || my > b.y + b.h) return null;
    const [lo, hi] = P.bounds;
    return [lo + (mx - b.x) / b.w * (hi - lo), hi - (my - b.y) / b.h * (hi - lo)];
  }

  function surfaceValue(x, y) {
    const [lo, hi] = P.bounds, n = F.n;
    const c = Math.round((x - lo) / (hi - lo) * (n - 1)), r = Math.round((y - lo) / (hi - lo) * (n - 1));
    return F.surface[Math.max(0, Math.min(n - 1, r)) * n + Math.max(0, Math.min(n - 1, c))];
  }

  // -- gradient bars (log scale) ---------------------------------------------------------------
  const GB = { l: 46, r: 10, t: 8, b: 22 };
  function drawGrads() {
    const ctx = ctxs.grads, [w, h] = SIZE.grads;
    ctx.clearRect(0, 0, w, h);
    if (!matches()) return;
    const g = Array.from(F.grads), ok = g.filter((v) => Number.isFinite(v) && v > 0);
    const x0 = GB.l, y0 = GB.t, pw = w - GB.l - GB.r, ph = h - GB.t - GB.b;
    let kLo = ok.length ? Math.floor(Math.log10(Math.min(...ok))) : -3, kHi = ok.length ? Math.ceil(Math.log10(Math.max(...ok))) : 0;
    if (kHi <= kLo) kHi = kLo + 1;
    const ty = (v) => y0 + ph - (Math.log10(v) - kLo) / (kHi - kLo) * ph;
    ctx.font = "11px sans-serif";
    ctx.fillStyle = "#555";
    ctx.textAlign = "right"; ctx.textBaseline = "middle";
    const every = Math.ceil((kHi - kLo) / 5);
    for (let k = kLo; k <= kHi; k += every) {
      const y = ty(10 ** k);
      ctx.strokeStyle = "#eee"; ctx.beginPath(); ctx.moveTo(x0, y); ctx.lineTo(x0 + pw, y); ctx.stroke();
      ctx.fillText(pow10(k), x0 - 4, y);
    }
    const slot = pw / Math.max(1, g.length);
    ctx.textAlign = "center"; ctx.textBaseline = "top";
    g.forEach((v, i) => {
      const cx = x0 + slot * (i + 0.5), bw = Math.min(40, slot * 0.6);
      if (Number.isFinite(v) && v > 0) {
        const y = ty(v);
        ctx.fillStyle = hoverGrad === i ? "#555" : "#7f7f7f";
        ctx.fillRect(cx - bw / 2, y, bw, y0 + ph - y);
      }
      ctx.fillStyle = "#555";
      ctx.fillText(S.grad_labels[i] ?? "", cx, y0 + ph + 4);
    });
    ctx.strokeStyle = "#ccc"; ctx.beginPath(); ctx.moveTo(x0, y0 + ph + 0.5); ctx.lineTo(x0 + pw, y0 + ph + 0.5); ctx.stroke();
  }

  // -- loss and accuracy curves ----------------------------------------------------------------
  const LB = { l: 40, r: 10, t: 34, b: 22 };
  function lossGeometry() {
    const [w, h] = SIZE.loss, H = F.history, ep = H.epoch || new Float32Array(0);
    let yMax = 1;
    for (const key of S.history_keys) for (const v of H[key] || []) if (Number.isFinite(v) && v > yMax) yMax = v;
    yMax = Math.min(yMax, 1e6);
    const xMax = ep.length ? Math.max(1, ep[ep.length - 1]) : 1;
    return { x0: LB.l, y0: LB.t, pw: w - LB.l - LB.r, ph: h - LB.t - LB.b, xMax, yMax, ep };
  }

  function drawLoss() {
    const ctx = ctxs.loss, [w, h] = SIZE.loss;
    ctx.clearRect(0, 0, w, h);
    if (!S || !F) return;
    const G = lossGeometry(), H = F.history, tx = (e) => G.x0 + e / G.xMax * G.pw, ty = (v) => G.y0 + G.ph - Math.min(v, G.yMax) / G.yMax * G.ph;
    ctx.font = "11px sans-serif"; ctx.fillStyle = "#555";
    ctx.textAlign = "right"; ctx.textBaseline = "middle";
    const ys = niceStep(G.yMax, 4);
    for (let v = 0; v <= G.yMax + 1e-9; v += ys) {
      const y = ty(v);
      ctx.strokeStyle = "#eee"; ctx.beginPath(); ctx.moveTo(G.x0, y); ctx.lineTo(G.x0 + G.pw, y); ctx.stroke();
      ctx.fillText(fmt(v).replace(/\.?0+$/, "") || "0", G.x0 - 4, y);
    }
    ctx.textAlign = "center"; ctx.textBaseline = "top";
    const xs = Math.max(1, niceStep(G.xMax, 5));
    for (let e = 0; e <= G.xMax + 1e-9; e += xs) ctx.fillText(e >= 1e4 ? `${e / 1e3}k` : String(Math.round(e)), tx(e), G.y0 + G.ph + 4);
    ctx.strokeStyle = "#ccc"; ctx.strokeRect(G.x0 - 0.5, G.y0 - 0.5, G.pw + 1, G.ph + 1);
    // curves and a legend with the current values
    ctx.textAlign = "left"; ctx.textBaseline = "middle";
    S.history_keys.forEach((key, k) => {
      const v = H[key];
      if (!v || !v.length || !Array.from(v).some(Number.isFinite)) return;
      ctx.strokeStyle = S.history_colors[k];
      ctx.lineWidth = 2;
      ctx.setLineDash(key.endsWith("acc") ? [3, 3] : []);
      ctx.beginPath();
      let pen = false;
      for (let i = 0; i < v.length; i++) {
        if (!Number.isFinite(v[i])) { pen = false; continue; }
        const x = tx(G.ep[i]), y = ty(v[i]);
        if (pen) ctx.lineTo(x, y); else ctx.moveTo(x, y);
        pen = true;
      }
      ctx.stroke();
      ctx.setLineDash([]);
      const i = hoverEpoch != null ? hoverEpoch : v.length - 1;
      const label = `${S.history_names[k]} ${key.endsWith("acc") && Number.isFinite(v[i]) ? (100 * v[i]).toFixed(1) + "%" : fmt(v[i])}`;
      const lx = G.x0 + (k % 2) * G.pw / 2, ly = 6 + 13 * Math.floor(k / 2);  // losses, then accuracies
      ctx.fillStyle = S.history_colors[k];
      ctx.fillRect(lx, ly - 1, 10, 3);
      ctx.fillStyle = "#333";
      ctx.fillText(label, lx + 13, ly);
    });
    if (hoverEpoch != null && G.ep.length) {
      const x = tx(G.ep[hoverEpoch]);
      ctx.strokeStyle = "#888"; ctx.lineWidth = 1; ctx.beginPath(); ctx.moveTo(x, G.y0); ctx.lineTo(x, G.y0 + G.ph); ctx.stroke();
    }
  }

  // A new network's structure arrives just before its first frame: until then, the last frame
  // belongs to the previous network and is not drawn on the new one.
  const matches = () => !!(S && F && F.weights.length === S.origins.length - 1 && F.tiles.length === S.count * S.tile * S.tile);

  function drawAll() {
    const t0 = performance.now();
    drawNetwork(); drawPlane(); drawGrads(); drawLoss();
    NS.drawMs.push(performance.now() - t0);
    if (NS.drawMs.length > 500) NS.drawMs.splice(0, NS.drawMs.length - 500);
  }

  // -- pointer -----------------------------------------------------------------------------------
  const pos = (e, canvas) => { const r = canvas.getBoundingClientRect(); return [(e.clientX - r.left) / scale, (e.clientY - r.top) / scale]; };
  function showTip(e, text) {
    if (!text) { tip.style.display = "none"; return; }
    const r = el.getBoundingClientRect();
    tip.textContent = text;
    tip.style.display = "block";
    tip.style.left = `${e.clientX - r.left + 12}px`;
    tip.style.top = `${e.clientY - r.top + 12}px`;
  }
  const events = [];
  const on = (target, type, fn) => { target.addEventListener(type, fn); events.push([target, type, fn]); };
  on(panels.network, "mousemove", (e) => {
    const hit = tileAt(...pos(e, panels.network));
    const changed = JSON.stringify(hit) !== JSON.stringify(hover);
    hover = hit;
    panels.network.style.cursor = hit ? "pointer" : "default";
    showTip(e, hit && S ? `${S.neuron_names[hit[0]][hit[1]]} · ${S.titles.click_hint}` : "");
    if (changed) { drawNetwork(); drawPlane(); }
  });
  on(panels.network, "mouseleave", () => { hover = null; showTip(null, ""); drawNetwork(); drawPlane(); });
  on(panels.network, "click", (e) => {
    const hit = tileAt(...pos(e, panels.network)) || [-1, -1];  // beside every tile: back to the output
    model.send({ type: "select", layer: hit[0], neuron: hit[1] });
  });
  on(panels.plane, "mousemove", (e) => {
    const at = planeAt(...pos(e, panels.plane));
    if (!at || !F) { showTip(e, ""); return; }
    const v = surfaceValue(...at);
    const value = F.scale === "classes" ? `${S.titles.class} ${Math.round(v)}` : `${S.titles.output} ${fmt(v)}`;
    showTip(e, `x₁ ${at[0].toFixed(2)}, x₂ ${at[1].toFixed(2)} · ${value}`);
  });
  on(panels.plane, "mouseleave", () => showTip(null, ""));
  on(panels.plane, "click", (e) => {
    const at = planeAt(...pos(e, panels.plane));
    if (at) model.send({ type: "plane", x: at[0], y: at[1] });
  });
  on(panels.grads, "mousemove", (e) => {
    if (!S || !F) return;
    const [mx] = pos(e, panels.grads), slot = (SIZE.grads[0] - GB.l - GB.r) / Math.max(1, F.grads.length);
    const i = Math.floor((mx - GB.l) / slot);
    hoverGrad = i >= 0 && i < F.grads.length ? i : null;
    showTip(e, hoverGrad != null ? `${S.grad_labels[i] ?? ""}: ${fmt(F.grads[i])}` : "");
    drawGrads();
  });
  on(panels.grads, "mouseleave", () => { hoverGrad = null; showTip(null, ""); drawGrads(); });
  on(panels.loss, "mousemove", (e) => {
    if (!S || !F) return;
    const G = lossGeometry(), [mx] = pos(e, panels.loss);
    if (!G.ep.length || mx < G.x0 || mx > G.x0 + G.pw) { hoverEpoch = null; showTip(e, ""); drawLoss(); return; }
    const target = (mx - G.x0) / G.pw * G.xMax;
    let best = 0;
    for (let i = 0; i < G.ep.length; i++) if (Math.abs(G.ep[i] - target) < Math.abs(G.ep[best] - target)) best = i;
    hoverEpoch = best;
    showTip(e, `${S.titles.epoch} ${Math.round(G.ep[best])}`);
    drawLoss();
  });
  on(panels.loss, "mouseleave", () => { hoverEpoch = null; showTip(null, ""); drawLoss(); });

  const onStructure = () => { decodeStructure(); drawAll(); };
  const onPoints = () => { decodePoints(); drawPlane(); NS.points += 1; };
  const onFrame = () => {
    decodeFrame();
    if (hoverEpoch != null && F && F.history.epoch && hoverEpoch >= F.history.epoch.length) hoverEpoch = null;
    drawAll();
    NS.frames += 1;
    NS.lastFrame = F ? F.id : 0;
    el.dataset.frame = String(NS.lastFrame);
  };
  // the panels fit the room the widget has, at the scale of presenter mode, sharp at any pixel ratio
  const fit = ({ width, scale: k }) => {
    scale = k;
    const { columns, sizes } = panelSizes(width, scale);
    el.style.gridTemplateColumns = columns === 2 ? "auto auto" : "auto";
    el.style.gap = `${6 * scale}px ${GAP}px`;
    el.style.fontSize = `${12 * scale}px`;
    el.dataset.columns = String(columns);
    for (const name of Object.keys(panels)) {
      SIZE[name] = sizes[name];
      ctxs[name] = setupCanvas(panels[name], ...sizes[name], scale);
    }
    place();
    drawAll();
  };
  model.on("change:structure", onStructure);
  model.on("change:points", onPoints);
  model.on("change:frame", onFrame);
  decodeStructure(); decodePoints();
  const unwatch = watchFit(el, model, fit);  // draws at the size the widget has
  onFrame();
  return () => {
    unwatch();
    model.off("change:structure", onStructure);
    model.off("change:points", onPoints);
    model.off("change:frame", onFrame);
    for (const [target, type, fn] of events) target.removeEventListener(type, fn);
  };
}

export default { render };
