// Click a column header of a table marked data-sortable to sort by it; click again to reverse. Each header
// stays a th (a column header, with aria-sort) and gets a button inside, so it is reachable by keyboard.
// Cells may carry data-sort (a number) so values like "≤ 2.5×" sort by their number.
(function () {
  "use strict";
  function key(cell) {
    var raw = cell.getAttribute("data-sort");
    var text = raw !== null ? raw : cell.textContent.trim();
    var num = parseFloat(text);
    return raw !== null && raw !== "" && !isNaN(num) ? { n: num } : { s: text.toLowerCase() };
  }
  function compare(a, b) {
    if (a.n !== undefined && b.n !== undefined) return a.n - b.n;
    if (a.n !== undefined) return -1;
    if (b.n !== undefined) return 1;
    return a.s < b.s ? -1 : a.s > b.s ? 1 : 0;
  }
  // The sticky columns on a phone (leaderboard.css): each starts where the ones before it end.
  function stick(table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head || head.cells.length < 3) return;
    var holder = table.closest(".lb-table") || table;
    holder.style.setProperty("--lb-left-2", head.cells[0].offsetWidth + "px");
    holder.style.setProperty("--lb-left-3", head.cells[0].offsetWidth + head.cells[1].offsetWidth + "px");
  }
  function setup(table) {
    if (table.getAttribute("data-sort-ready")) return;
    table.setAttribute("data-sort-ready", "1");
    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "lb-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (r1, r2) {
          var c = compare(key(r1.cells[index]), key(r2.cells[index]));
          return ascending ? c : -c;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      }
      button.addEventListener("click", sort);
    });
    stick(table);
  }
  // A table that scrolls sideways can be scrolled from the keyboard: its scroller takes the focus.
  function scrollers() {
    document.querySelectorAll(".lb-table .md-typeset__scrollwrap").forEach(function (wrap) {
      if (wrap.scrollWidth > wrap.clientWidth + 1) {
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Table (scrolls sideways)");
      } else if (wrap.getAttribute("role") === "region") {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
      }
    });
  }
  function init() {
    document.querySelectorAll("table[data-sortable]").forEach(setup);
    setTimeout(scrollers, 0);  // after the theme has wrapped the tables
    // Material's search dialog has no name of its own.
    var search = document.querySelector('.md-search[role="dialog"]');
    if (search && !search.hasAttribute("aria-label")) search.setAttribute("aria-label", "Search");
  }
  window.addEventListener("resize", function () { document.querySelectorAll("table[data-sortable]").forEach(stick); scrollers(); });
  window.addEventListener("load", scrollers);
  if (typeof document$ !== "undefined") { document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
