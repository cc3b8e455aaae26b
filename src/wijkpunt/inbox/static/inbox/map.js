/* The map of open signals. The data comes from json_script elements; the same signals are in
   the table below the map, so the page is complete without this script or without tiles. */
(function () {
  "use strict";
  function read(id) {
    var el = document.getElementById(id);
    if (!el) return null;
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }
  function start() {
    var box = document.getElementById("inbox-map");
    var markers = read("inbox-markers");
    var config = read("inbox-map-config") || {};
    var status = document.getElementById("inbox-map-status");
    if (!box || !markers || !markers.length || typeof window.L === "undefined") {
      if (box) box.hidden = true;
      return;
    }
    var L = window.L;
    var map = L.map(box, { scrollWheelZoom: false });
    var failed = 0;
    if (config.tileUrl) {
      var tiles = L.tileLayer(config.tileUrl, { maxZoom: 19, attribution: config.attribution || "" });
      tiles.on("tileerror", function () {
        failed += 1;
        if (failed === 1 && status) status.textContent = config.tilesFailed || "";
      });
      tiles.addTo(map);
    }
    // Nearby signals gather in a cluster with their number; a click zooms in on them.
    var layer = typeof L.markerClusterGroup === "function"
      ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 })
      : L.layerGroup();
    var bounds = [];
    markers.forEach(function (m) {
      var marker = L.circleMarker([m.lat, m.lng], {
        radius: m.urgent ? 11 : 8,
        color: m.urgent ? "#7a1a14" : (m.overdue ? "#8a6100" : "#003a40"),
        weight: 2,
        fillColor: m.urgent ? "#b3261e" : (m.overdue ? "#e0a800" : "#00646e"),
        fillOpacity: 0.85
      });
      layer.addLayer(marker);
      var box = document.createElement("div");
      var link = document.createElement("a");
      link.href = m.url;
      link.textContent = m.ref;
      box.appendChild(link);
      box.appendChild(document.createTextNode(" · " + m.category + " · " + m.status));
      var p = document.createElement("p");
      p.textContent = m.text;
      box.appendChild(p);
      marker.bindPopup(box);
      bounds.push([m.lat, m.lng]);
    });
    layer.addTo(map);
    // Open on the signals: every marker in view.
    if (bounds.length === 1) map.setView(bounds[0], 17);
    else map.fitBounds(bounds, { padding: [24, 24], maxZoom: 18 });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
