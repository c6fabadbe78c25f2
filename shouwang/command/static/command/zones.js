// Zones on a Leaflet map, from our own static files: polygons and checkpoints from the page's
// GeoJSON (#zone-features); a tile layer only when the server names a tile server. A map with
// data-draw lets the user draw a polygon by tapping points; "完成" writes it as GeoJSON into the
// named textarea.
(function () {
  "use strict";
  const COLOURS = { sealed: "#c62828", controlled: "#ef6c00", prevention: "#f9a825" };
  const dataNode = document.getElementById("zone-features");
  const features = dataNode ? JSON.parse(dataNode.textContent) : null;

  function baseMap(node) {
    const map = L.map(node, { zoomSnap: 0.25 });
    if (node.dataset.tileUrl) {
      L.tileLayer(node.dataset.tileUrl, { maxZoom: 19, attribution: node.dataset.tileAttribution || "" }).addTo(map);
    }
    map.setView([34.3, 108.9], 11);
    return map;
  }

  function showFeatures(map, collection, withPopups) {
    if (!collection || !collection.features || !collection.features.length) return null;
    const layer = L.geoJSON(collection, {
      style: (f) => f.properties.kind === "checkpoint" ? { color: "#1565c0", fillColor: "#1565c0", fillOpacity: 0.9, weight: 2 } : ({ color: COLOURS[f.properties.level] || "#555", weight: 2, fillOpacity: f.properties.status === "lifted" ? 0.05 : 0.25, dashArray: f.properties.status === "lifted" ? "4 4" : null }),
      pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 6, color: "#1565c0", fillOpacity: 0.9 }),
      onEachFeature: (f, l) => {
        if (!withPopups) return;
        const p = f.properties;
        const box = document.createElement("div");
        if (p.url) {
          const a = document.createElement("a");
          a.href = p.url; a.textContent = p.name;
          box.appendChild(a);
          box.appendChild(document.createTextNode(" · " + p.level_label + " · " + p.unit));
        } else {
          box.textContent = p.name;
        }
        l.bindPopup(box);
      },
    }).addTo(map);
    // Fit the zones when there are any (checkpoints far away would shrink them to dots).
    let bounds = L.latLngBounds([]);
    layer.eachLayer((l) => { if (l.feature.geometry.type !== "Point") bounds.extend(l.getBounds()); });
    if (!bounds.isValid()) bounds = layer.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [16, 16], maxZoom: 17 });
    return layer;
  }

  const display = document.getElementById("zone-map");
  if (display) showFeatures(baseMap(display), features, true);

  const drawNode = document.getElementById("zone-draw-map");
  if (!drawNode) return;
  const map = baseMap(drawNode);
  showFeatures(map, features, false);
  const target = document.getElementById(drawNode.dataset.draw);
  let points = [];
  const line = L.polyline([], { color: "#c62828" }).addTo(map);
  const drawn = L.polygon([], { color: "#c62828", fillOpacity: 0.3 }).addTo(map);
  function redraw() {
    line.setLatLngs(points);
  }
  map.on("click", (event) => {
    points.push([event.latlng.lat, event.latlng.lng]);
    drawn.setLatLngs([]);
    redraw();
  });
  function round(value) { return Math.round(value * 1e6) / 1e6; }
  document.querySelectorAll("[data-draw-action]").forEach((button) => {
    button.addEventListener("click", () => {
      const action = button.dataset.drawAction;
      if (action === "undo") { points.pop(); redraw(); }
      if (action === "clear") { points = []; redraw(); drawn.setLatLngs([]); if (target) target.value = ""; }
      if (action === "finish" && points.length >= 3) {
        const ring = points.map((p) => [round(p[1]), round(p[0])]);
        ring.push(ring[0]);
        if (target) target.value = JSON.stringify({ type: "Polygon", coordinates: [ring] });
        drawn.setLatLngs(points);
        points = [];
        redraw();
      }
    });
  });
})();
