// The trace graph: draws the elements the server laid out (a column per hop, accounts of one
// bank boxed together), keeps the graph and the table's freeze boxes in step, and refreshes
// the freeze marks as banks answer. Without scripts the table below does all of this.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  var data = document.getElementById("trace-data");
  if (!box || !data || typeof cytoscape !== "function") { return; }
  var graph = JSON.parse(data.textContent);
  var names = JSON.parse(document.getElementById("trace-names").textContent);
  var started = performance.now();
  var colours = {
    sent: "#b35c00", frozen: "#0b4f9c", moved_on: "#6b6b6b", overdue: "#a4161a",
    rejected: "#6b6b6b", closed: "#6b6b6b"
  };
  var cy = cytoscape({
    container: box,
    elements: graph.elements,
    layout: { name: "preset", fit: true, padding: 30 },
    wheelSensitivity: 0.3,
    textureOnViewport: true,
    hideEdgesOnViewport: graph.elements.nodes.length > 1000,
    style: [
      { selector: "node[kind = 'account']", style: {
        "shape": "round-rectangle", "width": 150, "height": 40, "label": "data(label)",
        "text-wrap": "wrap", "text-valign": "center", "font-size": 10,
        "background-color": "#ffffff", "border-width": 2, "border-color": "#555555" } },
      { selector: "node[ended = 'still_there']", style: {
        "background-color": "#fff4d6", "border-color": "#b35c00" } },
      { selector: "node[?hub]", style: { "border-style": "dashed", "border-width": 4 } },
      { selector: "node[kind = 'bank']", style: {
        "label": "data(label)", "text-valign": "top", "font-size": 11, "font-weight": 700,
        "background-color": "#eef3fa", "border-color": "#9bb3d4", "padding": 8 } },
      { selector: "node[kind = 'origin']", style: {
        "shape": "ellipse", "label": "data(label)", "font-size": 10, "width": 40, "height": 40,
        "background-color": "#1e6b35", "text-valign": "bottom" } },
      { selector: "node[kind = 'exit']", style: {
        "shape": "diamond", "width": 36, "height": 36, "label": "data(label)",
        "text-wrap": "wrap", "font-size": 10, "text-valign": "center", "text-halign": "right",
        "background-color": "#a4161a" } },
      { selector: "node[kind = 'account'][mark != '']", style: { "border-width": 5 } },
      { selector: "edge", style: {
        "width": 1.5, "curve-style": "bezier", "target-arrow-shape": "triangle",
        "line-color": "#777777", "target-arrow-color": "#777777", "label": "data(label)",
        "font-size": 9, "text-background-color": "#ffffff", "text-background-opacity": 1 } },
      { selector: "edge[ended]", style: { "line-style": "dashed", "line-color": "#a4161a",
        "target-arrow-color": "#a4161a" } },
      { selector: "node:selected", style: { "overlay-color": "#0b4f9c", "overlay-opacity": 0.25 } }
    ]
  });

  function paint(marks) {
    cy.batch(function () {
      cy.nodes("[kind = 'account']").forEach(function (node) {
        var mark = marks[node.data("key")] || "";
        node.data("mark", mark);
        if (mark) { node.style("border-color", colours[mark] || "#555555"); }
      });
    });
    Object.keys(marks).forEach(function (key) {
      var cell = document.querySelector("[data-mark-for='" + CSS.escape(key) + "']");
      if (cell && names.marks[marks[key]]) { cell.textContent = names.marks[marks[key]]; }
    });
  }

  function boxFor(key) {
    return document.querySelector("input[name=account][value='" + CSS.escape(key) + "']");
  }

  // A click on an account ticks or unticks it in the table, and the table shows on the graph.
  cy.on("tap", "node[kind = 'account']", function (event) {
    var tick = boxFor(event.target.data("key"));
    if (tick) { tick.checked = !tick.checked; tick.dispatchEvent(new Event("change")); }
  });
  document.querySelectorAll("input[name=account]").forEach(function (tick) {
    tick.addEventListener("change", function () {
      var node = cy.nodes().filter(function (n) { return n.data("key") === tick.value; });
      if (tick.checked) { node.select(); } else { node.unselect(); }
    });
    if (tick.checked) {
      cy.nodes().filter(function (n) { return n.data("key") === tick.value; }).select();
    }
  });

  var initial = {};
  cy.nodes("[kind = 'account']").forEach(function (n) {
    if (n.data("mark")) { initial[n.data("key")] = n.data("mark"); }
  });
  paint(initial);
  box.dataset.drawnMs = String(Math.round(performance.now() - started));
  box.dataset.ready = "1";

  var caseNumber = box.dataset.case;
  if (caseNumber) {
    var url = "/trace/" + encodeURIComponent(box.dataset.transfer) + "/marks.json?case=" +
      encodeURIComponent(caseNumber);
    setInterval(function () {
      fetch(url, { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (body) { if (body) { paint(body.marks); } })
        .catch(function () { /* offline for a moment: the next round tries again */ });
    }, 10000);
  }
  window.cyberpolTrace = cy;
}());
