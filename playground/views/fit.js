// One invisible widget per app (fit.py): the apps' stylesheet, once per page, and the app's plotly
// figures re-sized to the width the app really has (its output area's, not the window's).

const CSS = `
.pg-app { container: pg-app / inline-size; max-width: 100%; box-sizing: border-box; }
.pg-app .jupyter-widgets, .pg-app .widget-box { max-width: 100%; }
/* rows of panels wrap: a picture that does not fit beside its controls goes below them (a box's
   min-width, e.g. 600px, becomes min(600px, 100%): fit.js) */
.pg-app .widget-hbox { flex-wrap: wrap; }
/* a picture's own width never decides its box's: the box's does (the picture then fits it) */
.pg-app .js-plotly-plot, .pg-app .pg-canvas { contain: inline-size; }
/* buttons and labels show their whole text, in every language */
.pg-app .widget-button, .pg-app .widget-toggle-button, .pg-app .widget-upload { min-width: max-content; }
.pg-app .widget-inline-hbox > .widget-label { min-width: max-content; }
.pg-app .widget-checkbox { min-width: fit-content; }
.pg-app .widget-checkbox > label > span { white-space: nowrap; }
.pg-app .pg-fit { display: none !important; }
.pg-app .pg-app-bar { justify-content: space-between; align-items: center; flex-wrap: nowrap; }
.pg-app .pg-presenter-toggle { flex: 0 0 auto; margin-left: auto; }
/* presenter: text, points and lines large enough for a projector */
.pg-app.pg-presenter {
  --jp-widgets-font-size: 19px; --jp-ui-font-size1: 19px; --jp-content-font-size1: 19px;
  --jp-widgets-inline-height: 38px; font-size: 19px;
}
.pg-app.pg-presenter .widget-html-content, .pg-app.pg-presenter .pg-message { font-size: 19px; }
`;

function install() {
  if (document.getElementById("pg-fit-css")) return;
  const style = document.createElement("style");
  style.id = "pg-fit-css";
  style.textContent = CSS;
  document.head.appendChild(style);
}

// A plotly figure with a width of its own (layout.meta.own_width, views.fit.OWN_WIDTH: square
// panels) wider than its container is scaled down to fit, its container given the scaled height.
// The width drawn counts: a new width from the kernel is sometimes computed but not drawn (in a
// notebook cell out of view), and is then asked for again (``redrawn``: how often, per width).
const redrawn = new WeakMap(), RETRIES = 10;  // a check a second
function scalePlot(gd) {
  const box = gd.parentElement, svg = gd.querySelector("svg.main-svg");
  const drawn = svg ? Number(svg.getAttribute("width")) || 0 : 0, own = gd.layout.width || 0;
  if (svg && own && drawn !== own && globalThis.Plotly) {
    const r = redrawn.get(gd) || { own, n: 0 };
    if (r.own !== own) Object.assign(r, { own, n: 0 });
    if (r.n++ < RETRIES) globalThis.Plotly.relayout(gd, { width: own });
    redrawn.set(gd, r);
  }
  const fixed = Math.max(own, drawn), avail = box.getBoundingClientRect().width;
  const k = avail > 0 && fixed > avail ? avail / fixed : 1;
  const height = gd.layout.height || 450;
  gd.style.transform = k < 1 ? `scale(${k})` : "";
  gd.style.transformOrigin = "0 0";
  box.style.height = k < 1 ? `${Math.ceil(height * k)}px` : "";
  box.style.overflow = k < 1 ? "hidden" : "";
}

// Any other figure is as wide as its own element, which the page sizes (``contain: inline-size``:
// never by what plotly drew in it). It is given that width with ``Plotly.relayout`` where the page
// has it (Voilà and JupyterLab once a FigureWidget is loaded), else with plotly's own resize handler.
// Until the drawing has that width, it is asked again, every half second at most (plotly's resize
// waits 100 ms for calm): returns true while it has to look again (nothing else may call it: a
// figure re-drawn at another width does not re-size its element). ``data-widen`` says what it saw
// last, ``data-widened`` what it asked and how often (a test's report).
const asked = new WeakMap();  // figure -> {want, n, at}
function widenPlot(gd) {
  if (gd.style.transform) { gd.style.transform = ""; gd.parentElement.style.height = gd.parentElement.style.overflow = ""; }
  const want = Math.floor(gd.getBoundingClientRect().width);
  const svg = gd.querySelector("svg.main-svg");
  const drawn = svg ? svg.getBoundingClientRect().width : 0;
  gd.dataset.widen = `${want} ${Math.round(drawn)} ${gd._fullLayout ? gd._fullLayout.width : "-"}`;  // what it saw
  if (!(want > 0) || !svg || !gd._fullLayout) return false;  // not shown, or not drawn yet
  if (Math.abs(drawn - want) <= 1 && gd._fullLayout.width === want) return false;
  const now = performance.now(), last = asked.get(gd) || { want: 0, n: 0, at: -1e9 };
  if (last.want === want && now - last.at < 500) return true;  // a new width is asked for at once
  const n = last.want === want ? last.n + 1 : 1;
  asked.set(gd, { want, n, at: now });
  gd.dataset.widened = `${want}x${n}`;
  if (globalThis.Plotly && globalThis.Plotly.relayout) { globalThis.Plotly.relayout(gd, { width: want }); return true; }
  // No Plotly in the page: plotly's resize handler, which re-sizes a figure to its element only if
  // its layout has no width of its own; an earlier resize leaves one (the width it drew).
  if (typeof gd._responsiveChartHandler !== "function") return false;
  if (gd.layout.width !== undefined) delete gd.layout.width;
  gd._responsiveChartHandler();
  return true;
}

function fitPlot(gd) {  // true: look again soon
  if (!gd.parentElement || !gd.layout) return false;
  const own = gd.layout.width && gd.layout.meta && gd.layout.meta.own_width;  // the app's width (OWN_WIDTH)
  if (own) { scalePlot(gd); return false; }
  return widenPlot(gd);
}

// A box's minimum width (a picture's 600 px beside its controls) never more than its container's.
function capMinWidth(box) {
  const px = /^(\d+(?:\.\d+)?)px$/.exec(box.style.minWidth);
  if (px) box.style.minWidth = `min(${px[1]}px, 100%)`;
}

// ``fn`` at the next animation frame, or in 200 ms if no frame comes first.
function soonest(fn) {
  let raf = 0, timer = 0;
  const run = () => { cancelAnimationFrame(raf); clearTimeout(timer); fn(); };
  raf = requestAnimationFrame(run);
  timer = setTimeout(run, 200);
  return true;
}

function render({ model, el }) {
  install();
  el.classList.add("pg-fit");
  let root = null, observer = null, last = -1, tries = 0, frame = null, poll = 0;
  const fit = () => {
    if (!root) return;
    const w = Math.round(root.getBoundingClientRect().width);
    if (w !== last && w > 0) {
      last = w;
      model.set("width", w);
      model.save_changes();
    }
    root.dataset.fitWidth = String(w);
    root.querySelectorAll(".widget-box[style*='min-width']").forEach(capMinWidth);
    let again = false;
    root.querySelectorAll(".js-plotly-plot").forEach((gd) => {
      if (!observed.has(gd)) { observed.add(gd); observer.observe(gd); }
      try { again = fitPlot(gd) || again; } catch (err) { gd.dataset.fitError = String(err); }  // the next figures still fit
    });
    if (again) setTimeout(later, 550);
  };
  const observed = new WeakSet();
  const fitNow = () => fit();
  const later = () => { frame = frame || soonest(() => { frame = null; fit(); }); };
  const fitted = () => {  // the kernel has fitted the app to `width` (a figure of its own width re-sized)
    if (root) root.dataset.fitted = String(model.get("fitted"));
    later();
  };
  const attach = () => {
    root = el.closest(".pg-app");
    if (!root) { if (tries++ < 300) setTimeout(attach, 100); return; }
    model.on("change:fitted", fitted);
    fitted();
    // The app's width, and each figure's: fitted at once, in the same rendering step (headless
    // Chromium was seen starving timers and animation frames for 20 s after a screen change while
    // still delivering resize notifications; a figure then kept its old width).
    observer = new ResizeObserver(fitNow);
    globalThis.addEventListener("resize", fitNow);
    observer.observe(root);
    poll = setInterval(later, 1000);  // figures drawn after the app was laid out
    later();
  };
  attach();
  return () => { if (observer) observer.disconnect(); clearInterval(poll); globalThis.removeEventListener("resize", fitNow); model.off("change:fitted", fitted); };
}

export default { render };
