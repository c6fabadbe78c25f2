// Copies the distributed builds of our front-end libraries into shouwang/static/vendor,
// so every page loads them from our own server (police intranets have no internet).
import { cpSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const vendor = join(root, "shouwang", "static", "vendor");
const files = {
  "htmx.org/dist/htmx.min.js": "htmx.min.js",
  "@picocss/pico/css/pico.min.css": "pico.min.css",
  "echarts/dist/echarts.min.js": "echarts.min.js",
  "leaflet/dist/leaflet.js": "leaflet/leaflet.js",
  "leaflet/dist/leaflet.js.map": "leaflet/leaflet.js.map",
  "leaflet/dist/leaflet.css": "leaflet/leaflet.css",
  "leaflet/dist/images": "leaflet/images",
  "zxing-wasm/dist/iife/reader/index.js": "zxing/zxing-reader.js",
  "zxing-wasm/dist/reader/zxing_reader.wasm": "zxing/zxing_reader.wasm",
};

rmSync(vendor, { recursive: true, force: true });
for (const [source, target] of Object.entries(files)) {
  const from = join(root, "node_modules", source);
  if (!existsSync(from)) {
    console.error(`missing ${from}: run npm ci first`);
    process.exit(1);
  }
  const to = join(vendor, target);
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to, { recursive: true });
}
console.log(`front-end libraries copied to ${vendor}`);
