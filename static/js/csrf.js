// Pages served from the shared cache carry no CSRF token: their forms have an empty
// csrfmiddlewaretoken field. When the reader starts on a form, this fetches their own token
// (and a renewed comment form token) from /csrf/ and fills the fields; a submit made before
// the answer arrives waits for it. Without this script the server offers a "send again" page.
(function () {
  "use strict";

  var pending = null;

  function emptyTokenFields() {
    return document.querySelectorAll("form input[name=csrfmiddlewaretoken]");
  }

  function needsToken() {
    var fields = emptyTokenFields();
    for (var i = 0; i < fields.length; i++) {
      if (!fields[i].value) {
        return true;
      }
    }
    return false;
  }

  function fill(answer) {
    emptyTokenFields().forEach(function (field) {
      field.value = answer.csrfToken;
    });
    if (answer.formToken) {
      document.querySelectorAll("form input[name=form_token]").forEach(function (field) {
        field.value = answer.formToken;
      });
    }
  }

  function fetchToken() {
    if (!pending) {
      var url = "/csrf/";
      var formToken = document.querySelector("form input[name=form_token]");
      if (formToken && formToken.value) {
        url += "?form_token=" + encodeURIComponent(formToken.value);
      }
      pending = fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("no token");
          }
          return response.json();
        })
        .then(fill)
        .catch(function () {
          pending = null;  // the server's "send again" page still lets the reader post
        });
    }
    return pending;
  }

  if (!window.fetch || !needsToken()) {
    return;
  }

  function startOnForm(event) {
    if (event.target.closest && event.target.closest("form") && needsToken()) {
      fetchToken();
    }
  }

  document.addEventListener("focusin", startOnForm, true);
  document.addEventListener("pointerdown", startOnForm, true);
  // Capture phase: runs before the form's own handlers (rating.js reads the field on submit).
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      var field = form.querySelector("input[name=csrfmiddlewaretoken]");
      if (!field || field.value) {
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      var submitter = event.submitter;
      fetchToken().then(function () {
        if (field.value) {
          form.requestSubmit(submitter || undefined);
        } else {
          HTMLFormElement.prototype.submit.call(form);
        }
      });
    },
    true
  );
})();
