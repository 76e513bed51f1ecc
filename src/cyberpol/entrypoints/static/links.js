// The link view's drawing: the centre and what it shares, around it; a click opens the
// neighbour's own view (the next step). The lists below the drawing do the same by keyboard.
(function () {
  "use strict";
  var box = document.getElementById("links-graph");
  var data = document.getElementById("links-data");
  if (!box || !data || typeof cytoscape !== "function") { return; }
  var graph = JSON.parse(data.textContent);
  var colours = { case: "#0b4f9c", report: "#1e6b35", indicator: "#b35c00",
                  account: "#a4161a", transfer: "#555555" };
  var cy = cytoscape({
    container: box,
    elements: graph,
    maxZoom: 1.3,
    layout: { name: "concentric", concentric: function (n) { return n.degree(); },
              levelWidth: function () { return 1; }, minNodeSpacing: 90, animate: false },
    style: [
      { selector: "node", style: { "label": "data(label)", "font-size": 10,
        "text-valign": "bottom", "width": 22, "height": 22, "text-max-width": 160,
        "text-wrap": "ellipsis" } },
      { selector: "edge", style: { "width": 1, "line-color": "#999999" } }
    ]
  });
  Object.keys(colours).forEach(function (kind) {
    cy.nodes("[kind = '" + kind + "']").style("background-color", colours[kind]);
  });
  cy.on("tap", "node", function (event) {
    var href = event.target.data("href");
    if (href) { window.location.assign(href); }
  });
  box.dataset.ready = "1";
}());
