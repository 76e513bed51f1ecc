// The statistics charts: figures by month and reports on a map of the regions, drawn by
// ECharts from the numbers the page's tables already hold. Without scripts the tables stay.
(function () {
  "use strict";
  var data = document.getElementById("stats-data");
  var print = document.getElementById("print");
  if (print) {
    print.hidden = false;
    print.addEventListener("click", function () { window.print(); });
  }
  if (!data || typeof echarts === "undefined") { return; }
  var chart = JSON.parse(data.textContent);
  var months = document.getElementById("month-chart");
  if (months) {
    echarts.init(months, null, { renderer: "svg" }).setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 50, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: chart.months },
      yAxis: { type: "value" },
      series: chart.series.map(function (s) {
        return { name: s.name, type: "bar", data: s.data };
      })
    });
  }
  var map = document.getElementById("region-map");
  if (map) {
    fetch("/static/geo/kz-regions.geojson")
      .then(function (r) { return r.json(); })
      .then(function (geo) {
        echarts.registerMap("kz", geo);
        var values = Object.keys(chart.region_names).map(function (code) {
          return { name: code, value: chart.regions[code] || 0 };
        });
        var top = Math.max.apply(null, values.map(function (v) { return v.value; }).concat([1]));
        echarts.init(map, null, { renderer: "svg" }).setOption({
          animation: false,
          tooltip: {
            trigger: "item",
            formatter: function (p) { return chart.region_names[p.name] + ": " + (p.value || 0); }
          },
          visualMap: { min: 0, max: top, left: 10, bottom: 10, calculable: true,
                       inRange: { color: ["#eef3fa", "#0b4f9c"] } },
          series: [{ type: "map", map: "kz", name: chart.map_title, roam: false,
                     nameProperty: "name", data: values,
                     label: { show: false }, emphasis: { label: { show: false } } }]
        });
        map.dataset.ready = "1";
      });
  }
}());
