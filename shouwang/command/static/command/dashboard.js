// Draws each panel's chart from its data-option (an ECharts option written by the server), and
// again when htmx swaps a refreshed panel in.
(function () {
  "use strict";
  function draw(root) {
    root.querySelectorAll(".chart[data-option]").forEach((node) => {
      const old = echarts.getInstanceByDom(node);
      if (old) old.dispose();
      echarts.init(node).setOption(JSON.parse(node.dataset.option));
    });
  }
  draw(document);
  document.body.addEventListener("htmx:afterSwap", (event) => draw(event.detail.elt.parentNode || document));
  window.addEventListener("resize", () => {
    document.querySelectorAll(".chart[data-option]").forEach((node) => {
      const chart = echarts.getInstanceByDom(node);
      if (chart) chart.resize();
    });
  });
})();
