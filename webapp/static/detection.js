/* While overlap detection is pending, poll its status and reload the page when it is done. */
(function () {
  "use strict";
  var box = document.getElementById("detection");
  if (!box || box.getAttribute("data-pending") !== "1") { return; }
  var url = box.getAttribute("data-status-url");

  function poll(delay) {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (data) {
        if (data.pending) {
          window.setTimeout(function () { poll(1500); }, delay);
        } else {
          window.location.reload();
        }
      })
      .catch(function () {
        window.setTimeout(function () { poll(Math.min(delay * 2, 15000)); }, delay);
      });
  }

  window.setTimeout(function () { poll(1500); }, 1000);
}());
