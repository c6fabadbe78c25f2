// A "复制" button copies the text of the element its data-copy names (a read-only textarea),
// through the clipboard API where the page may use it, else by selecting the text.
(function () {
  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-copy]");
    if (!button) return;
    const source = document.getElementById(button.dataset.copy);
    if (!source) return;
    const text = source.value !== undefined ? source.value : source.textContent;
    const done = function () {
      const label = button.textContent;
      button.textContent = button.dataset.copied || "✓";
      setTimeout(function () { button.textContent = label; }, 1500);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done);
    } else {
      source.select();
      document.execCommand("copy");
      done();
    }
  });
})();
