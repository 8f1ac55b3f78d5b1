// nianbao review report: sorting and filtering of the summary table, printing with every
// <details> open, and (in the static page only) quick-fix buttons disabled. Vanilla JS, no
// dependencies; the page reads fine without it (the filter bar stays hidden).
(function () {
  "use strict";
  var root = document.documentElement;
  var isStatic = root.getAttribute("data-nb-page") === "static";
  root.classList.add("nb-js");

  if (isStatic) {
    var fixes = document.querySelectorAll("button.fix");
    for (var i = 0; i < fixes.length; i++) {
      fixes[i].disabled = true;
      fixes[i].title = "在线页面中可一键修改";
    }
  }

  var table = document.querySelector('table[data-testid="summary"]');
  if (table) {
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var headers = table.tHead.rows[0].cells;

    var value = function (row, col, kind) {
      var cell = row.cells[col];
      var v = cell ? cell.getAttribute("data-value") || cell.textContent : "";
      if (kind === "number") {
        var n = parseFloat(v);
        return isNaN(n) ? Infinity : n;
      }
      return v;
    };
    var collator = window.Intl ? new Intl.Collator("zh-CN", { numeric: true }) : null;
    var compare = function (a, b) {
      if (typeof a === "number") return a - b;
      return collator ? collator.compare(a, b) : a < b ? -1 : a > b ? 1 : 0;
    };

    Array.prototype.forEach.call(headers, function (th, col) {
      var button = th.querySelector("button.nb-sort");
      if (!button) return;
      button.addEventListener("click", function () {
        var kind = button.getAttribute("data-sort");
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        Array.prototype.forEach.call(headers, function (h) {
          h.setAttribute("aria-sort", "none");
        });
        th.setAttribute("aria-sort", dir);
        var sign = dir === "ascending" ? 1 : -1;
        var keyed = rows.map(function (row, index) {
          return { row: row, key: value(row, col, kind), index: index };
        });
        keyed.sort(function (a, b) {
          return sign * compare(a.key, b.key) || a.index - b.index;
        });
        keyed.forEach(function (k) {
          tbody.appendChild(k.row);
        });
      });
    });

    var controls = document.querySelector(".nb-controls");
    var filter = document.getElementById("nb-filter");
    var onlyErrors = document.getElementById("nb-only-errors");
    var shown = document.getElementById("nb-shown");
    var apply = function () {
      var q = filter.value.trim().toLowerCase();
      var count = 0;
      rows.forEach(function (row) {
        var show =
          (!q || (row.getAttribute("data-search") || "").indexOf(q) !== -1) &&
          (!onlyErrors.checked || Number(row.getAttribute("data-errors")) > 0);
        row.hidden = !show;
        var section = document.getElementById(row.getAttribute("data-report"));
        if (section) section.hidden = !show;
        if (show) count++;
      });
      shown.textContent = "显示 " + count + " / " + rows.length + " 份报告";
    };
    if (controls && filter && onlyErrors && shown) {
      controls.hidden = false;
      filter.addEventListener("input", apply);
      onlyErrors.addEventListener("change", apply);
      apply();
    }
  }

  // Print every explanation and holding relation: open the closed <details>, close them after.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    var all = document.querySelectorAll("details:not([open])");
    for (var i = 0; i < all.length; i++) {
      all[i].open = true;
      opened.push(all[i]);
    }
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) {
      d.open = false;
    });
    opened = [];
  });
})();
