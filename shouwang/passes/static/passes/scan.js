// Camera scanning with the vendored zxing-wasm reader; the wasm comes from our own static files.
(function () {
  const scanner = document.getElementById("scanner");
  const form = document.getElementById("verify-form");
  if (!scanner || !form) return;
  const video = document.getElementById("scan-video");
  const canvas = document.getElementById("scan-canvas");
  const status = document.getElementById("scan-status");
  const start = document.getElementById("scan-start");
  const codeInput = document.getElementById("code-input");
  const wasmUrl = scanner.dataset.wasmUrl;
  let lastText = "";
  let lastAt = 0;
  let busy = false;

  if (typeof ZXingWASM === "undefined") {
    status.textContent = "扫码组件未加载，请输入编码核验";
    start.hidden = true;
    return;
  }
  ZXingWASM.prepareZXingModule({
    overrides: {
      locateFile: (path, prefix) => (path.endsWith(".wasm") ? wasmUrl : prefix + path),
    },
  });

  function submit(text) {
    codeInput.value = text;
    if (window.htmx) {
      window.htmx.trigger(form, "submit");
    } else {
      form.requestSubmit();
    }
    if (navigator.vibrate) navigator.vibrate(100);
  }

  async function tick() {
    if (video.readyState >= 2 && !busy) {
      busy = true;
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      try {
        const imageData = context.getImageData(0, 0, canvas.width, canvas.height);
        const results = await ZXingWASM.readBarcodes(imageData, {
          formats: ["QRCode"], tryHarder: true, maxNumberOfSymbols: 1,
        });
        const found = results.find((result) => result.isValid && result.text);
        const now = Date.now();
        // The same code held in front of the camera is verified once every few seconds.
        if (found && (found.text !== lastText || now - lastAt > 4000)) {
          lastText = found.text;
          lastAt = now;
          submit(found.text);
        }
      } catch (error) {
        status.textContent = "识别出错：" + error.message;
      }
      busy = false;
    }
    window.setTimeout(tick, 250);
  }

  async function open() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      status.textContent = "此浏览器无法使用摄像头（需 HTTPS），请输入编码核验";
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "environment" }, audio: false,
      });
      video.srcObject = stream;
      video.hidden = false;
      start.hidden = true;
      await video.play();
      status.textContent = "将二维码置于画面中";
      tick();
    } catch (error) {
      status.textContent = "无法打开摄像头：" + error.message + "。请输入编码核验";
      start.hidden = false;
    }
  }

  start.addEventListener("click", open);
  open();
})();
