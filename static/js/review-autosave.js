// Autosave of the review form (reviews.autosaves): while the writer types, the form's text fields
// are posted to the user's own autosave record, a moment after they pause and at least every few
// seconds while they keep typing; the review itself is untouched. On opening, an autosave newer
// than the review's last save is offered back: Restore fills the fields, Discard deletes it.
(function () {
  "use strict";

  var FIELDS = ["headline", "slug", "excerpt", "body", "verdict", "editor_score", "tags", "meta_description"];
  var PAUSE = 1500; // ms after the last keystroke
  var MAX_WAIT = 4000; // ms of typing without a pause; with the request, under five seconds lost

  var box = document.getElementById("review-autosave");
  var form = box && box.closest("form");
  if (!form || !window.fetch || !window.FormData) {
    return;
  }
  box.hidden = false;
  var status = box.querySelector(".autosave-status");
  var timer = null;
  var firstChange = 0;

  function field(name) {
    return form.elements.namedItem(name);
  }

  function post(url, data) {
    var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    data.append("review", box.dataset.review);
    return fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": token },
    }).then(function (response) {
      return response.json().then(function (answer) {
        if (!response.ok) {
          throw answer;
        }
        return answer;
      });
    });
  }

  function reason(answer) {
    var errors = (answer && answer.errors) || {};
    var names = Object.keys(errors);
    return names.length ? [].concat(errors[names[0]])[0] : "no connection to the server.";
  }

  function save() {
    timer = null;
    firstChange = 0;
    var data = new FormData();
    FIELDS.forEach(function (name) {
      var input = field(name);
      if (input) {
        data.append(name, input.value);
      }
    });
    post(box.dataset.url, data)
      .then(function (answer) {
        status.textContent = "Autosaved at " + new Date(answer.saved_at).toLocaleTimeString() + ".";
      })
      .catch(function (answer) {
        status.textContent = "Not autosaved: " + reason(answer);
      });
  }

  function schedule() {
    var now = Date.now();
    firstChange = firstChange || now;
    clearTimeout(timer);
    timer = setTimeout(save, Math.max(0, Math.min(PAUSE, firstChange + MAX_WAIT - now)));
  }

  form.addEventListener("input", function (event) {
    if (FIELDS.indexOf(event.target.name) !== -1) {
      schedule();
    }
  });
  // The save itself deletes the autosave; one posted after it would come back.
  form.addEventListener("submit", function () {
    clearTimeout(timer);
    timer = null;
  });

  var offer = box.querySelector(".autosave-offer");
  var saved = document.getElementById("autosave-fields");
  if (!offer || !saved) {
    return;
  }
  function closeOffer(message) {
    offer.remove();
    status.textContent = message;
    status.tabIndex = -1;
    status.focus();
  }
  offer.querySelector("[data-autosave=restore]").addEventListener("click", function () {
    var fields = JSON.parse(saved.textContent);
    FIELDS.forEach(function (name) {
      var input = field(name);
      if (input && Object.prototype.hasOwnProperty.call(fields, name)) {
        input.value = fields[name];
        input.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    closeOffer("Your unsaved changes are back in the form. Save to keep them.");
  });
  offer.querySelector("[data-autosave=discard]").addEventListener("click", function () {
    post(box.dataset.discardUrl, new FormData())
      .then(function () {
        closeOffer("The unsaved changes were discarded.");
      })
      .catch(function (answer) {
        status.textContent = "Not discarded: " + reason(answer);
      });
  });
})();
