// Lists as cards on a phone (shouwang.css): each cell of a .table-wrap table carries its
// column's header as data-label, copied here from the table's head so that no template has to
// repeat it. A cell spanning several columns (the "nothing found" row) gets no label; a cell
// that already has one keeps it. Runs again after htmx swaps rows in.
(function () {
  "use strict";
  function labelCells(root) {
    root.querySelectorAll(".table-wrap table").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.children, function (cell) {
          var span = cell.colSpan || 1;
          if (!cell.hasAttribute("data-label")) {
            cell.setAttribute("data-label", span > 1 ? "" : heads[column] || "");
          }
          column += span;
        });
      });
    });
  }
  labelCells(document);
  document.addEventListener("htmx:afterSettle", function () { labelCells(document); });
})();
