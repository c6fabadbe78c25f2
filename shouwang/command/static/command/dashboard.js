// Draws each panel's chart from its data-option (an ECharts option written by the server). A
// panel refreshed by htmx (every minute) is drawn when it arrives; the chart of the panel it
// replaces is disposed of first.
(function () {
  "use strict";
  function charts(root) {
    return root.matches && root.matches(".chart[data-option]") ? [root] : Array.from(root.querySelectorAll(".chart[data-option]"));
  }
  function draw(root) {
    charts(root).forEach((node) => {
      if (!echarts.getInstanceByDom(node)) echarts.init(node).setOption(JSON.parse(node.dataset.option));
    });
  }
  draw(document);
  document.body.addEventListener("htmx:beforeSwap", (event) => {
    charts(event.detail.target).forEach((node) => {
      const chart = echarts.getInstanceByDom(node);
      if (chart) chart.dispose();
    });
  });
  document.body.addEventListener("htmx:load", (event) => draw(event.detail.elt));
  window.addEventListener("resize", () => {
    charts(document).forEach((node) => {
      const chart = echarts.getInstanceByDom(node);
      if (chart) chart.resize();
    });
  });
})();
