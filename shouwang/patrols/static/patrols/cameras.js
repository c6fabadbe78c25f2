// Cameras and checkpoints on a Leaflet map, from the page's JSON (#camera-points); a tile layer
// only when the server names a tile server (settings.SHOUWANG_MAP_TILE_URL).
(function () {
  "use strict";
  const node = document.getElementById("camera-map");
  const dataNode = document.getElementById("camera-points");
  if (!node || !dataNode || typeof L === "undefined") return;
  const points = JSON.parse(dataNode.textContent);
  const map = L.map(node, { zoomSnap: 0.25 });
  if (node.dataset.tileUrl) {
    L.tileLayer(node.dataset.tileUrl, { maxZoom: 19, attribution: node.dataset.tileAttribution || "" }).addTo(map);
  }
  const markers = [];
  function add(list, colour, label) {
    for (const point of list) {
      const marker = L.circleMarker([point.lat, point.lng], { radius: 7, color: colour, fillOpacity: 0.9 });
      marker.bindPopup(document.createTextNode(label + "：" + point.name + (point.code ? "（" + point.code + "）" : "")));
      marker.addTo(map);
      markers.push(marker);
    }
  }
  add(points.cameras, "#c62828", node.dataset.cameraLabel || "");
  add(points.posts, "#1565c0", node.dataset.postLabel || "");
  if (markers.length) {
    map.fitBounds(L.featureGroup(markers).getBounds(), { padding: [16, 16], maxZoom: 16 });
  } else {
    map.setView([34.3, 108.9], 11);
  }
})();
