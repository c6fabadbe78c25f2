// The donors page: "复制感谢信" copies the letter beside it (selecting it where the clipboard is closed).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const area = document.getElementById(button.dataset.copy);
  if (!area) return;
  area.select();
  const done = () => { button.textContent = button.dataset.done || "已复制"; };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(area.value).then(done, () => { document.execCommand("copy"); done(); });
  } else {
    document.execCommand("copy");
    done();
  }
});
