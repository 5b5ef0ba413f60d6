/* Poll the parse status of one upload batch and update the progress table. */
(function () {
  "use strict";
  var NAMES = { queued: "排队中", running: "解析中", done: "已完成", failed: "失败" };
  var table = document.getElementById("jobs");
  if (!table) { return; }
  var url = table.getAttribute("data-status-url");
  var summary = document.getElementById("progress-summary");

  function render(job) {
    var row = table.querySelector('tr[data-job="' + job.id + '"]');
    if (!row) { return; }
    row.className = "status-" + job.status;
    row.querySelector(".status").textContent = NAMES[job.status] || job.status;
    var cell = row.querySelector(".message");
    cell.textContent = "";
    if (job.url) {
      var link = document.createElement("a");
      link.href = job.url;
      link.textContent = "查看结果";
      cell.appendChild(link);
      cell.appendChild(document.createTextNode(" "));
    }
    cell.appendChild(document.createTextNode(job.message || ""));
  }

  function poll(delay) {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (data) {
        data.jobs.forEach(render);
        if (data.finished) {
          summary.textContent = summary.getAttribute("data-done");
          table.setAttribute("data-finished", "1");
        } else {
          window.setTimeout(function () { poll(1000); }, delay);
        }
      })
      .catch(function () {
        window.setTimeout(function () { poll(Math.min(delay * 2, 10000)); }, delay);
      });
  }

  poll(500);
}());
