// Shared by the canvas widgets (put before their own code by views/fit.py, ``esm``): a canvas sized
// in CSS pixels at a scale (presenter mode), sharp at the device pixel ratio, and a watcher that
// calls back when the width the widget may use, its scale or the device pixel ratio changes.

function setupCanvas(canvas, w, h, scale = 1) {
  const r = (globalThis.devicePixelRatio || 1) * scale;
  canvas.width = Math.max(1, Math.round(w * r));
  canvas.height = Math.max(1, Math.round(h * r));
  canvas.style.width = `${w * scale}px`;
  canvas.style.height = `${h * scale}px`;
  const ctx = canvas.getContext("2d");
  ctx.setTransform(r, 0, 0, r, 0, 0);
  return ctx;
}

// The width (CSS px) a widget may use: its container's, never more than its app's (class pg-app);
// 0 while it is not shown.
function roomFor(el) {
  const widths = [el.parentElement, el.closest(".pg-app")].filter(Boolean)
    .map((e) => e.getBoundingClientRect().width).filter((w) => w > 0);
  return widths.length ? Math.min(...widths) : 0;
}

// Calls fit({width, scale, dpr}) now and whenever one of them changes: the room the widget has
// (a sidebar opened, the window resized, the zoom changed), the model's `scale` (presenter mode),
// the device pixel ratio (zoom, another screen). Returns a function that stops watching.
function watchFit(el, model, fit) {
  let last = "", frame = 0, media = null;
  const observer = new ResizeObserver(() => later());
  const watched = new Set();
  const observe = (e) => { if (e && !watched.has(e)) { watched.add(e); observer.observe(e); } };
  const check = () => {
    frame = 0;
    observe(el.parentElement);
    observe(el.closest(".pg-app"));
    const now = { width: Math.floor(roomFor(el)), scale: model.get("scale") || 1, dpr: globalThis.devicePixelRatio || 1 };
    const key = `${now.width} ${now.scale} ${now.dpr}`;
    if (key === last) return;
    last = key;
    el.dataset.fit = key;  // for tests: the width, scale and pixel ratio drawn for
    fit(now);
  };
  const later = () => { if (!frame) frame = requestAnimationFrame(check); };
  const onDpr = () => { watchDpr(); later(); };
  const watchDpr = () => {
    if (media) media.removeEventListener("change", onDpr);
    media = matchMedia(`(resolution: ${globalThis.devicePixelRatio || 1}dppx)`);
    media.addEventListener("change", onDpr);
  };
  observe(el);
  watchDpr();
  globalThis.addEventListener("resize", later);
  model.on("change:scale", later);
  const poll = setInterval(later, 1000);  // attached later, or shown in a tab that was hidden
  check();
  return () => {
    observer.disconnect();
    clearInterval(poll);
    globalThis.removeEventListener("resize", later);
    model.off("change:scale", later);
    if (media) media.removeEventListener("change", onDpr);
  };
}
