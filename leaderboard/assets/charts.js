// Replace each static SVG chart by the interactive Vega-Lite chart whose spec is a same-site JSON file.
// The Vega bundle (vendor/vega-bundle.js beside this script) is loaded only by a page that has a chart, and
// the charts are drawn again in the other theme when the reader switches between light and dark.
(function () {
  "use strict";
  var here = document.currentScript && document.currentScript.src;
  var loading = null;
  function bundle() {
    if (typeof vegaEmbed !== "undefined") return Promise.resolve();
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL("vendor/vega-bundle.js", here || document.baseURI).href;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }
  function dark() { return document.body.getAttribute("data-md-color-scheme") === "slate"; }
  function render(el) {
    var scheme = dark() ? "dark" : "light";
    if (el.getAttribute("data-rendered") === scheme) return;
    el.setAttribute("data-rendered", scheme);
    var url = new URL(el.getAttribute("data-spec"), document.baseURI).href;
    var options = { actions: false, renderer: "svg", theme: scheme === "dark" ? "dark" : undefined };
    if (scheme === "dark") options.config = { background: null };
    vegaEmbed(el, url, options)
      .then(function () { el.setAttribute("data-scheme", scheme); })
      .catch(function (err) { el.removeAttribute("data-rendered"); console.warn("chart not rendered", err); });
  }
  function draw() {
    var charts = document.querySelectorAll(".lb-chart");
    if (!charts.length) return;
    bundle().then(function () { charts.forEach(render); }, function () { console.warn("chart library not loaded"); });
  }
  var watching = false;
  function init() {
    draw();
    if (watching) return;
    watching = true;
    new MutationObserver(draw).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }
  if (typeof document$ !== "undefined") { document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
