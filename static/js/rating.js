// Sends the reader's score with fetch and updates the rating box in place. Without this
// script the form posts normally and the review comes back with the new average.
(function () {
  "use strict";

  var form = document.querySelector("[data-rating-form]");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  var box = form.closest(".reader-rating");
  var summary = box.querySelector("[data-rating-summary]");
  var own = box.querySelector("[data-rating-own]");
  var ownScore = box.querySelector("[data-rating-own-score]");
  var error = form.querySelector("[data-rating-error]");
  var submit = form.querySelector("[data-rating-submit]");
  var FAILED = "Your rating could not be sent. Check your connection and try again.";

  function showError(message) {
    error.textContent = message || FAILED;
    error.hidden = false;
  }

  function showRating(data) {
    summary.textContent = data.summary;
    ownScore.textContent = data.your_score;
    own.hidden = false;
    submit.textContent = submit.dataset.labelChange;
  }

  // Busy rather than disabled: disabling the focused button would drop keyboard focus.
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (form.getAttribute("aria-busy") === "true") {
      return;
    }
    error.hidden = true;
    form.setAttribute("aria-busy", "true");
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: {
        Accept: "application/json",
        "X-Requested-With": "fetch",
        "X-CSRFToken": form.elements.csrfmiddlewaretoken.value
      }
    })
      .then(function (response) {
        return response.json().then(function (data) {
          if (response.ok) {
            showRating(data);
          } else {
            showError(data.error);
          }
        });
      })
      .catch(function () {
        showError(FAILED);
      })
      .then(function () {
        form.removeAttribute("aria-busy");
      });
  });
})();
