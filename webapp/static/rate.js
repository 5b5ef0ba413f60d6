/* Rater and public forms: count rated departments, confirm the final submit, ignore a second click. */
(function () {
  "use strict";
  var form = document.getElementById("rating-form") || document.getElementById("public-form");
  if (!form) { return; }
  var sent = false;
  form.addEventListener("submit", function (event) {
    if (sent) { event.preventDefault(); return; }
    // The final 提交 of a back-to-back rating cannot be undone: ask once (a draft save is not asked).
    var final = event.submitter && event.submitter.id === "submit-rating";
    if (final && !window.confirm("提交后不能修改，确定提交吗？")) { event.preventDefault(); return; }
    sent = true;
    window.setTimeout(function () { sent = false; }, 8000);
  });
  var counter = document.getElementById("rated-count");
  var total = parseInt(form.getAttribute("data-total") || "0", 10);
  function update() {
    var done = 0;
    Array.prototype.forEach.call(form.querySelectorAll("fieldset.dept"), function (set) {
      // A department is rated when each of its questions (one, or one per dimension) has an answer.
      var names = {}, answered = {};
      Array.prototype.forEach.call(set.querySelectorAll("input[type=radio]"), function (input) {
        names[input.name] = true;
        if (input.checked) { answered[input.name] = true; }
      });
      var complete = Object.keys(names).length > 0 && Object.keys(names).length === Object.keys(answered).length;
      set.classList.toggle("done", complete);
      if (complete) { done += 1; }
    });
    if (counter && total) { counter.textContent = "已评 " + done + " / " + total; }
  }
  form.addEventListener("change", update);
  update();
})();
