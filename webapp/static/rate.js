/* Rater and public forms: count rated departments and ignore a second click on submit. */
(function () {
  "use strict";
  var form = document.getElementById("rating-form") || document.getElementById("public-form");
  if (!form) { return; }
  var sent = false;
  form.addEventListener("submit", function (event) {
    if (sent) { event.preventDefault(); return; }
    sent = true;
    window.setTimeout(function () { sent = false; }, 8000);
  });
  var counter = document.getElementById("rated-count");
  var total = parseInt(form.getAttribute("data-total") || "0", 10);
  function update() {
    var done = 0;
    Array.prototype.forEach.call(form.querySelectorAll("fieldset.dept"), function (set) {
      var checked = set.querySelector("input[type=radio]:checked");
      set.classList.toggle("done", !!checked);
      if (checked) { done += 1; }
    });
    if (counter && total) { counter.textContent = "已评 " + done + " / " + total; }
  }
  form.addEventListener("change", update);
  update();
})();
