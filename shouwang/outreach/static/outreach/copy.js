// Copy-ready text: a button copies its textarea's text for pasting into a messaging group.
// The clipboard API needs a secure context; elsewhere the text is selected and copied the old way.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const source = document.getElementById(button.dataset.copy);
  if (!source) return;
  let copied = false;
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(source.value);
      copied = true;
    }
  } catch (error) {
    copied = false;
  }
  if (!copied) {
    source.focus();
    source.select();
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
  }
  const label = button.dataset.label || button.textContent;
  button.dataset.label = label;
  button.textContent = copied ? button.dataset.copied : button.dataset.failed;
  setTimeout(() => { button.textContent = label; }, 2000);
});
