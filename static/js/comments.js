// Moves the "Leave a Reply" form under the comment being answered. Without this script the
// Reply links still work: they reload the page with ?replytocom=ID#respond.
(function () {
  "use strict";

  var respond = document.getElementById("respond");
  var home = document.getElementById("respond-home");
  var form = document.getElementById("commentform");
  var cancel = document.getElementById("cancel-comment-reply-link");
  if (!respond || !home || !form || !cancel) {
    return;
  }
  var parentInput = form.querySelector("input[name=parent]");
  var title = respond.querySelector("[data-reply-title-default]");
  var defaultTitle = title.getAttribute("data-reply-title-default");

  function replyTo(link) {
    var comment = document.getElementById("comment-" + link.dataset.commentId);
    comment.querySelector(".comment__body").after(respond);
    parentInput.value = link.dataset.commentId;
    title.textContent = "Leave a Reply to " + link.dataset.author;
    cancel.hidden = false;
    form.querySelector("textarea").focus();
  }

  function cancelReply() {
    home.after(respond);
    parentInput.value = "";
    title.textContent = defaultTitle;
    cancel.hidden = true;
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
