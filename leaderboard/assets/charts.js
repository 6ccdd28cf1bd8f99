// Replace each static SVG chart by the interactive Vega-Lite chart whose spec is a same-site JSON file.
(function () {
  "use strict";
  function render(el) {
    if (el.getAttribute("data-rendered") || typeof vegaEmbed === "undefined") return;
    el.setAttribute("data-rendered", "1");
    var url = new URL(el.getAttribute("data-spec"), document.baseURI).href;
    var dark = document.body.getAttribute("data-md-color-scheme") === "slate";
    vegaEmbed(el, url, { actions: false, renderer: "svg", theme: dark ? "dark" : undefined })
      .catch(function (err) { el.removeAttribute("data-rendered"); console.warn("chart not rendered", err); });
  }
  function init() { document.querySelectorAll(".lb-chart").forEach(render); }
  if (typeof document$ !== "undefined") { document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
