// Panels on canvases, for live pictures made of heatmaps and curves (panels_canvas.py). Python sends
// `spec` (the panels: kind, title, size; rarely) and `frame` (every frame: binary arrays per panel).
// A heatmap is rows × cols bytes 0..254 on an orange-grey-blue scale (255: blank); curves are series
// of floats on a linear or log10 y axis.

const NS = (globalThis.__panelsCanvas ??= { frames: 0, lastFrame: 0 });
const FONT = "11px sans-serif";

function floats(v) {
  if (!v) return new Float32Array(0);
  const buf = v.buffer ?? v;
  const off = v.byteOffset ?? 0, len = v.byteLength ?? buf.byteLength;
  return new Float32Array(buf.slice(off, off + len));
}

function bytes(v) {
  if (!v) return new Uint8Array(0);
  const buf = v.buffer ?? v;
  return new Uint8Array(buf, v.byteOffset ?? 0, v.byteLength ?? buf.byteLength);
}

function rgb(hex) { return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)); }

function diverging(lo, mid, hi) {
  const [a, m, b] = [rgb(lo), rgb(mid), rgb(hi)], out = new Uint8ClampedArray(256 * 3);
  for (let i = 0; i < 255; i++) {
    const v = i / 127 - 1, [from, to, f] = v < 0 ? [m, a, -v] : [m, b, v];
    for (let j = 0; j < 3; j++) out[3 * i + j] = Math.round(from[j] + f * (to[j] - from[j]));
  }
  out.set([255, 255, 255], 255 * 3);
  return out;
}

function fmt(v) {
  if (!Number.isFinite(v)) return "–";
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-2 || a >= 1e4) ? v.toExponential(0) : a >= 100 ? v.toFixed(0) : v.toFixed(2);
}

function heatmap(ctx, p, d, box, table) {
  const [x0, y0, w, h] = box, rows = d.rows, cols = d.cols, q = bytes(d.values);
  if (!rows || !cols) return;
  const img = ctx.createImageData(cols, rows);
  for (let k = 0; k < rows * cols; k++) {
    img.data.set(table.subarray(3 * q[k], 3 * q[k] + 3), 4 * k); img.data[4 * k + 3] = 255;
  }
  const off = new OffscreenCanvas(cols, rows);
  off.getContext("2d").putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(off, x0, y0, w, h);
  ctx.fillStyle = "#444"; ctx.font = FONT; ctx.textAlign = "right";
  (d.row_labels || []).forEach((s, r) => ctx.fillText(s, x0 - 4, y0 + (r + 0.5) * h / rows + 4));
  ctx.textAlign = "center";
  ctx.fillText(d.xlabel || "", x0 + w / 2, y0 + h + 14);
}

function curves(ctx, p, d, box) {
  const [x0, y0, w, h] = box, series = (d.series || []).map((s) => ({ ...s, v: floats(s.values) }));
  const n = Math.max(1, ...series.map((s) => s.v.length));
  const tr = (v) => (p.log ? Math.log10(Math.max(v, 1e-30)) : v);
  let lo = Infinity, hi = -Infinity;
  series.forEach((s) => s.v.forEach((v) => { if (Number.isFinite(v)) { lo = Math.min(lo, tr(v)); hi = Math.max(hi, tr(v)); } }));
  if (p.ymin !== undefined && p.ymin !== null) lo = p.log ? Math.log10(p.ymin) : p.ymin;
  if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
  if (p.log) { lo = Math.floor(lo); hi = Math.max(lo + 1, Math.ceil(hi)); } else if (hi - lo < 1e-9) { hi = lo + 1; }
  const ty = (v) => y0 + h - (tr(v) - lo) / (hi - lo) * h, tx = (i) => x0 + (n > 1 ? i / (n - 1) : 0.5) * w;
  ctx.strokeStyle = "#ddd"; ctx.fillStyle = "#555"; ctx.font = FONT; ctx.textAlign = "right"; ctx.lineWidth = 1;
  const ticks = p.log ? Array.from({ length: hi - lo + 1 }, (_, k) => lo + k) : [lo, (lo + hi) / 2, hi];
  const step = Math.max(1, Math.ceil(ticks.length / 5));
  ticks.forEach((v, k) => {
    if (k % step) return;
    const y = y0 + h - (v - lo) / (hi - lo) * h;
    ctx.beginPath(); ctx.moveTo(x0, y); ctx.lineTo(x0 + w, y); ctx.stroke();
    ctx.fillText(p.log ? `1e${v}` : fmt(v), x0 - 4, y + 4);
  });
  ctx.textAlign = "center";
  ctx.fillText(d.xlabel || "", x0 + w / 2, y0 + h + 14);
  series.forEach((s, k) => {
    ctx.strokeStyle = s.color; ctx.fillStyle = s.color; ctx.lineWidth = 2; ctx.beginPath();
    let started = false;
    s.v.forEach((v, i) => {
      if (!Number.isFinite(v)) { started = false; return; }
      started ? ctx.lineTo(tx(i), ty(v)) : ctx.moveTo(tx(i), ty(v)); started = true;
    });
    ctx.stroke();
    if (p.markers) s.v.forEach((v, i) => { if (Number.isFinite(v)) { ctx.beginPath(); ctx.arc(tx(i), ty(v), 2.5, 0, 7); ctx.fill(); } });
    const last = s.v.length ? s.v[s.v.length - 1] : NaN;
    ctx.textAlign = "left";
    ctx.fillText(`${s.name}${p.markers ? "" : ` ${fmt(last)}`}`, x0 + 6 + k * (w / Math.max(2, series.length)), y0 + 10);
  });
}

// Columns of panels as the spec asks when the room allows, fewer when it does not (one at the
// least, each panel then no wider than the room): `room` in CSS px (0: unknown), at `scale`.
function columnsFor(spec, room, scale) {
  const panels = spec.panels || [], want = Math.max(1, spec.columns || 2), gap = 6;
  for (let n = want; n > 1; n--) {
    let widest = 0;  // the widest row of n panels
    for (let i = 0; i < panels.length; i += n) {
      widest = Math.max(widest, panels.slice(i, i + n).reduce((a, p) => a + p.width * scale + gap, -gap));
    }
    if (!(room > 0) || widest <= room) return n;
  }
  return 1;
}

function render({ model, el }) {
  el.classList.add("pg-panels");
  el.style.display = "grid";
  el.style.gap = "6px";
  let canvases = [], room = 0, scale = 1;
  const table = diverging("#f59322", "#e8eaeb", "#0877bd");
  const build = () => {
    const spec = model.get("spec") || {};
    el.replaceChildren();
    el.style.gridTemplateColumns = `repeat(${columnsFor(spec, room, scale)}, max-content)`;
    canvases = (spec.panels || []).map((p) => {
      const c = document.createElement("canvas");
      c.className = `pg-panel pg-panel-${p.id}`;
      el.appendChild(c);
      return c;
    });
    draw();
  };
  const draw = () => {
    const spec = model.get("spec") || {}, frame = model.get("frame") || {};
    (spec.panels || []).forEach((p, k) => {
      const c = canvases[k];
      if (!c) return;
      const narrow = room > 0 ? Math.min(1, room / (p.width * scale)) : 1;
      p = { ...p, width: Math.floor(p.width * narrow), height: Math.round(p.height * narrow) };
      const ctx = setupCanvas(c, p.width, p.height, scale);
      ctx.fillStyle = "white"; ctx.fillRect(0, 0, p.width, p.height);
      ctx.fillStyle = "#222"; ctx.font = "bold 12px sans-serif"; ctx.textAlign = "left";
      ctx.fillText(p.title || "", 6, 14);
      const d = (frame.panels || {})[p.id];
      if (!d) return;
      const box = [p.left ?? 50, 24, p.width - (p.left ?? 50) - 10, p.height - 24 - 22];
      (p.kind === "heatmap" ? heatmap : curves)(ctx, p, d, box, table);
    });
    if (frame.id) { NS.frames += 1; NS.lastFrame = frame.id; }
  };
  model.on("change:spec", build);
  model.on("change:frame", draw);
  build();
  // the panels fit the room the widget has, at the scale of presenter mode, sharp at any pixel ratio
  const unwatch = watchFit(el, model, ({ width, scale: k }) => { room = width; scale = k; build(); });
  return () => {
    unwatch();
    model.off("change:spec", build);
    model.off("change:frame", draw);
  };
}

export default { render };
