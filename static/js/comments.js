// Comment controls. Moves the "Leave a Reply" form under the comment being answered, and back
// (focus returns to the Reply link); asks "Report this comment?" inline before a report is sent.
// Without this script both still work: Reply links reload the page with ?replytocom=ID#respond,
// and "Report" reports at once.
(function () {
  "use strict";

  function askToConfirm(form) {
    var confirm = form.querySelector(".comment__report-confirm");
    form.querySelector("[data-report]").hidden = true;
    confirm.hidden = false;
    confirm.scrollIntoView({ block: "nearest" });
    confirm.querySelector("[data-confirm]").focus();
  }

  function withdraw(form) {
    var report = form.querySelector("[data-report]");
    form.querySelector(".comment__report-confirm").hidden = true;
    report.hidden = false;
    report.focus();
  }

  document.addEventListener("click", function (event) {
    var form = event.target.closest(".comment__report");
    if (!form) {
      return;
    }
    if (event.target.closest("[data-report]")) {
      event.preventDefault();
      askToConfirm(form);
    } else if (event.target.closest(".comment__report-cancel")) {
      withdraw(form);
    }
  });

  var respond = document.getElementById("respond");
  var home = document.getElementById("respond-home");
  var commentForm = document.getElementById("commentform");
  var cancel = document.getElementById("cancel-comment-reply-link");
  if (!respond || !home || !commentForm || !cancel) {
    return;
  }
  var parentInput = commentForm.querySelector("input[name=parent]");
  var title = respond.querySelector("[data-reply-title-default]");
  var defaultTitle = title.getAttribute("data-reply-title-default");

  function replyTo(link) {
    var comment = document.getElementById("comment-" + link.dataset.commentId);
    comment.querySelector(".comment__body").after(respond);
    parentInput.value = link.dataset.commentId;
    title.textContent = "Leave a Reply to " + link.dataset.author;
    cancel.hidden = false;
    commentForm.querySelector("textarea").focus();
  }

  function cancelReply() {
    var replyLink = parentInput.value
      ? document.querySelector('.comment-reply-link[data-comment-id="' + parentInput.value + '"]')
      : null;
    home.after(respond);
    parentInput.value = "";
    title.textContent = defaultTitle;
    cancel.hidden = true;
    if (replyLink) {
      replyLink.focus();
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest(".comment-reply-link");
    if (link) {
      event.preventDefault();
      replyTo(link);
    } else if (event.target.closest("#cancel-comment-reply-link")) {
      event.preventDefault();
      cancelReply();
    }
  });
})();
