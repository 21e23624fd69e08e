// The "NAME is also editing this review (since HH:MM)" banner of a review's change page
// (reviews/presence.py). Every few seconds it posts a heartbeat, which records this editor
// in the shared cache and answers who else has the review open; the banner (a polite live
// region) then shows them. Leaving the page sends a last beacon, so the others stop seeing
// this editor at once; saving the form does not count as leaving.
(function () {
  "use strict";

  var banner = document.getElementById("presence");
  var form = banner && banner.closest("form");
  var token = form && form.querySelector("input[name=csrfmiddlewaretoken]");
  if (!token || !window.fetch) {
    return;
  }
  var url = banner.dataset.presenceUrl;
  var page = banner.dataset.presencePage;
  var seconds = Number(banner.dataset.heartbeatSeconds) || 15;
  var saving = false;

  function body(extra) {
    var data = new FormData();
    data.append("csrfmiddlewaretoken", token.value);
    data.append("page", page);
    if (extra) {
      data.append(extra, "1");
    }
    return data;
  }

  function show(messages) {
    var shown = Array.prototype.map.call(banner.children, function (line) {
      return line.textContent;
    });
    if (shown.join("\n") === messages.join("\n")) {
      return;
    }
    banner.replaceChildren.apply(
      banner,
      messages.map(function (message) {
        var line = document.createElement("p");
        line.className = "presence__message";
        line.textContent = message;
        return line;
      })
    );
  }

  function beat() {
    fetch(url, {
      method: "POST",
      body: body(),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        if (answer) {
          show(answer.messages);
        }
      })
      .catch(function () {
        // Offline for a moment: the next heartbeat tries again.
      });
  }

  form.addEventListener("submit", function () {
    saving = true;
  });
  window.addEventListener("pagehide", function () {
    if (!saving && navigator.sendBeacon) {
      navigator.sendBeacon(url, body("leaving"));
    }
  });
  beat();
  window.setInterval(beat, seconds * 1000);
})();
