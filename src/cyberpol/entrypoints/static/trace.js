// The trace graph: draws the elements the server laid out (a column per hop, accounts of one
// bank boxed together, or told by colour in a graph of hundreds), keeps the graph and the
// table's freeze boxes in step, and refreshes the freeze marks as banks answer. Without
// scripts the table below does all of this.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  if (box && box.tagName.toLowerCase() === "svg") { drawnOnServer(box); return; }
  var data = document.getElementById("trace-data");
  if (!box || !data || typeof cytoscape !== "function") { return; }
  var started = performance.now();
  var graph = JSON.parse(data.textContent);
  var names = JSON.parse(document.getElementById("trace-names").textContent);
  var big = !graph.boxed;
  var palette = ["#0b4f9c", "#1e6b35", "#7a3e9d", "#b35c00", "#006d77", "#8a6d00",
                 "#5c5c5c", "#a4161a", "#2f4b7c", "#665191"];
  var marks = {
    sent: "#b35c00", frozen: "#0b4f9c", moved_on: "#6b6b6b", overdue: "#a4161a",
    rejected: "#6b6b6b", closed: "#6b6b6b"
  };
  // Class selectors (set by the server) rather than data selectors: thousands of nodes
  // are styled in a fraction of the time.
  var style = [
    // A wide graph carries no text at all: cytoscape styles text per element even when
    // empty, and the amounts are in the table and on hover.
    { selector: ".account", style: big ? {
      "shape": "rectangle", "width": 150, "height": 40,
      "background-color": "#ffffff", "border-width": 2, "border-color": "#555555" } : {
      "shape": "round-rectangle", "width": 150, "height": 40, "label": "data(label)",
      "text-wrap": "wrap", "text-valign": "center", "font-size": 10,
      "background-color": "#ffffff", "border-width": 2, "border-color": "#555555" } },
    { selector: ".still", style: { "background-color": "#fff4d6", "border-color": "#b35c00" } },
    { selector: ".hub", style: { "border-style": "dashed", "border-width": 4 } },
    { selector: ".bank", style: {
      "label": "data(label)", "text-valign": "top", "font-size": 11, "font-weight": 700,
      "background-color": "#eef3fa", "border-color": "#9bb3d4", "padding": 8 } },
    { selector: ".origin", style: {
      "shape": "ellipse", "label": "data(label)", "font-size": 10, "width": 40, "height": 40,
      "background-color": "#1e6b35", "text-valign": "bottom" } },
    { selector: ".exit", style: big ? {
      "shape": "diamond", "width": 36, "height": 36, "background-color": "#a4161a" } : {
      "shape": "diamond", "width": 36, "height": 36, "label": "data(label)",
      "text-wrap": "wrap", "font-size": 10, "text-valign": "center", "text-halign": "right",
      "background-color": "#a4161a" } },
    { selector: "edge", style: big ? {
      "width": 1, "curve-style": "haystack", "line-color": "#777777" } : {
      "width": 1.5, "curve-style": "bezier", "target-arrow-shape": "triangle",
      "line-color": "#777777", "target-arrow-color": "#777777", "label": "data(label)",
      "font-size": 9, "text-background-color": "#ffffff", "text-background-opacity": 1 } },
    { selector: ".out", style: { "line-style": "dashed", "line-color": "#a4161a",
      "target-arrow-color": "#a4161a" } },
    { selector: "node:selected", style: { "overlay-color": "#0b4f9c", "overlay-opacity": 0.25 } }
  ];
  if (big) {  // banks told by colour when they are not boxed
    palette.forEach(function (colour, i) {
      style.push({ selector: ".bank" + i, style: { "border-color": colour } });
    });
  }
  Object.keys(marks).forEach(function (mark) {
    style.push({ selector: ".mark-" + mark,
                 style: { "border-width": 5, "border-color": marks[mark] } });
  });
  var cy = cytoscape({
    container: box,
    elements: graph.elements,
    layout: { name: "preset", fit: true, padding: 30 },
    style: style,
    wheelSensitivity: 0.3,
    textureOnViewport: big,
    hideEdgesOnViewport: big,
    pixelRatio: big ? 1 : "auto"
  });

  box.dataset.initMs = String(Math.round(performance.now() - started));
  // One map from account key to node and to its tick box: looked up, never searched.
  var nodeOf = {};
  cy.nodes(".account").forEach(function (n) { nodeOf[n.data("key")] = n; });
  var tickOf = {};
  document.querySelectorAll("input[name=account]").forEach(function (tick) {
    tickOf[tick.value] = tick;
  });

  function paint(found) {
    cy.batch(function () {
      Object.keys(nodeOf).forEach(function (key) {
        var node = nodeOf[key];
        var mark = found[key] || "";
        if (node.data("mark") !== mark) {
          if (node.data("mark")) { node.removeClass("mark-" + node.data("mark")); }
          if (mark) { node.addClass("mark-" + mark); }
          node.data("mark", mark);
        }
      });
    });
    markCells(found, names);
  }

  if (big) {  // no text on a wide graph: the account and its amount show on hover
    cy.on("mouseover", ".account, .exit", function (event) {
      event.target.style({ "label": event.target.data("label"), "text-wrap": "wrap",
                           "font-size": 10, "text-valign": "center", "z-index": 10 });
    });
    cy.on("mouseout", ".account, .exit", function (event) {
      event.target.removeStyle("label text-wrap font-size text-valign z-index");
    });
  }
  // A click on an account ticks or unticks it in the table, and the table shows on the graph.
  cy.on("tap", ".account", function (event) {
    var tick = tickOf[event.target.data("key")];
    if (tick) { tick.checked = !tick.checked; tick.dispatchEvent(new Event("change")); }
  });
  cy.batch(function () {
    Object.keys(tickOf).forEach(function (key) {
      var tick = tickOf[key];
      tick.addEventListener("change", function () {
        if (!nodeOf[key]) { return; }
        if (tick.checked) { nodeOf[key].select(); } else { nodeOf[key].unselect(); }
      });
      // In a graph of hundreds, marking every ticked box on it costs more than it tells.
      if (tick.checked && nodeOf[key] && !big) { nodeOf[key].select(); }
    });
  });

  box.dataset.boundMs = String(Math.round(performance.now() - started));
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
  // Ready when the first frame is drawn: laid out, painted and answering clicks.
  requestAnimationFrame(function () {
    requestAnimationFrame(function () {
      box.dataset.drawnMs = String(Math.round(performance.now() - started));
      box.dataset.ready = "1";
    });
  });

  // The table's freeze column follows the banks' answers too.
  function markCells(found, names) {
    Object.keys(found).forEach(function (key) {
      var cell = document.querySelector("[data-mark-for='" + CSS.escape(key) + "']");
      if (cell && names.marks[found[key]]) { cell.textContent = names.marks[found[key]]; }
    });
  }

  // A wide graph arrives drawn as SVG: ticks, marks and zoom are all that is left to do.
  function drawnOnServer(svg) {
    var started = performance.now();
    var names = JSON.parse(document.getElementById("trace-names").textContent);
    var rectOf = {};
    svg.querySelectorAll("rect[data-key]").forEach(function (r) {
      rectOf[r.getAttribute("data-key")] = r;
    });
    var tickOf = {};
    document.querySelectorAll("input[name=account]").forEach(function (tick) {
      tickOf[tick.value] = tick;
      tick.addEventListener("change", function () {
        var rect = rectOf[tick.value];
        if (rect) { rect.classList.toggle("selected", tick.checked); }
      });
    });
    svg.addEventListener("click", function (event) {
      var rect = event.target.closest("rect[data-key]");
      var tick = rect && tickOf[rect.getAttribute("data-key")];
      if (tick) { tick.checked = !tick.checked; tick.dispatchEvent(new Event("change")); }
    });
    // Zoom with the wheel around the pointer, pan by dragging: the view box moves, the
    // drawing stays as the server made it.
    var view = svg.getAttribute("viewBox").split(" ").map(Number);
    var whole = view.slice();
    function show() { svg.setAttribute("viewBox", view.join(" ")); }
    function point(event) {
      var box = svg.getBoundingClientRect();
      var scale = Math.max(view[2] / box.width, view[3] / box.height);
      return [view[0] + (event.clientX - box.left) * scale,
              view[1] + (event.clientY - box.top) * scale, scale];
    }
    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      var at = point(event);
      var factor = event.deltaY > 0 ? 1.2 : 1 / 1.2;
      var width = Math.min(whole[2] * 2, Math.max(300, view[2] * factor));
      var ratio = width / view[2];
      view = [at[0] - (at[0] - view[0]) * ratio, at[1] - (at[1] - view[1]) * ratio,
              width, view[3] * ratio];
      show();
    }, { passive: false });
    var dragging = null;
    svg.addEventListener("pointerdown", function (event) {
      dragging = [event.clientX, event.clientY];
    });
    window.addEventListener("pointerup", function () { dragging = null; });
    svg.addEventListener("pointermove", function (event) {
      if (!dragging) { return; }
      var scale = point(event)[2];
      view[0] -= (event.clientX - dragging[0]) * scale;
      view[1] -= (event.clientY - dragging[1]) * scale;
      dragging = [event.clientX, event.clientY];
      show();
    });
    svg.addEventListener("dblclick", function () { view = whole.slice(); show(); });
    var caseNumber = svg.dataset.case;
    if (caseNumber) {
      var url = "/trace/" + encodeURIComponent(svg.dataset.transfer) + "/marks.json?case=" +
        encodeURIComponent(caseNumber);
      setInterval(function () {
        fetch(url, { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (body) {
            if (!body) { return; }
            Object.keys(rectOf).forEach(function (key) {
              var rect = rectOf[key];
              Array.prototype.slice.call(rect.classList).forEach(function (name) {
                if (name.indexOf("mark-") === 0) { rect.classList.remove(name); }
              });
              if (body.marks[key]) { rect.classList.add("mark-" + body.marks[key]); }
            });
            markCells(body.marks, names);
          })
          .catch(function () { /* offline for a moment: the next round tries again */ });
      }, 10000);
    }
    window.cyberpolTrace = { drawnOnServer: true, accounts: Object.keys(rectOf).length };
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        svg.dataset.drawnMs = String(Math.round(performance.now() - started));
        svg.dataset.ready = "1";
      });
    });
  }
}());
