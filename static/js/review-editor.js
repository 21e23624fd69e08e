// The review body's Markdown editor (reviews.widgets.MarkdownEditor): EasyMDE with a toolbar, word
// count and reading time, a side-by-side preview rendered by the server's own pipeline, and images
// from the library: a picker dialog, and upload by paste, drag-and-drop or the toolbar's button,
// asking for the alt text first. Without this script (or without EasyMDE) the textarea stays plain.
(function () {
  "use strict";

  var PREVIEW_DELAY = 400; // ms after the last keystroke
  var SEARCH_DELAY = 250;
  var WORDS_PER_MINUTE = 200;

  if (!window.EasyMDE || !window.fetch || !window.HTMLDialogElement) {
    return;
  }

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") {
        node.textContent = attributes[name];
      } else {
        node.setAttribute(name, attributes[name]);
      }
    });
    (children || []).forEach(function (child) {
      node.appendChild(child);
    });
    return node;
  }

  function csrfToken(textarea) {
    var field = textarea.form && textarea.form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  // POST (or GET when body is null) to one of the admin's JSON endpoints; resolves with
  // {ok, status, answer}, where a refusal that is not JSON gets a readable message.
  function callEndpoint(textarea, url, body) {
    var options = { credentials: "same-origin", headers: { Accept: "application/json" } };
    if (body) {
      options.method = "POST";
      options.body = body;
      options.headers["X-CSRFToken"] = csrfToken(textarea);
    }
    return fetch(url, options).then(function (response) {
      return response
        .json()
        .catch(function () {
          return { errors: { __all__: ["The server refused the request (" + response.status + ")."] } };
        })
        .then(function (answer) {
          return { ok: response.ok, status: response.status, answer: answer };
        });
    });
  }

  function errorMessages(answer) {
    var errors = (answer && answer.errors) || {};
    var messages = [];
    Object.keys(errors).forEach(function (name) {
      [].concat(errors[name]).forEach(function (message) {
        messages.push(typeof message === "string" ? message : message.message);
      });
    });
    return messages.length ? messages : ["Something went wrong; try again."];
  }

  function countWords(text) {
    var words = text.match(/[\p{L}\p{N}_'’-]+/gu);
    return words ? words.length : 0;
  }

  // A modal dialog (native <dialog>: focus stays inside, Escape closes) with a heading.
  function createDialog(id, title) {
    var heading = element("h2", { id: id + "-title", text: title });
    var close = element("button", { type: "button", class: "button editor-dialog__close", text: "Close" });
    var dialog = element("dialog", { id: id, class: "editor-dialog", "aria-labelledby": heading.id }, [
      element("div", { class: "editor-dialog__header" }, [heading, close]),
    ]);
    close.addEventListener("click", function () {
      dialog.close();
    });
    document.body.appendChild(dialog);
    return dialog;
  }

  function Editor(textarea) {
    this.textarea = textarea;
    this.previewUrl = textarea.dataset.previewUrl;
    this.pickerUrl = textarea.dataset.pickerUrl;
    this.uploadUrl = textarea.dataset.uploadUrl;
    this.mde = new window.EasyMDE({
      element: textarea,
      autoDownloadFontAwesome: false,
      spellChecker: false,
      nativeSpellcheck: true,
      forceSync: true,
      sideBySideFullscreen: false,
      minHeight: "24rem",
      uploadImage: false,
      previewClass: ["editor-preview", "review__body"],
      previewRender: this.schedulePreview.bind(this),
      status: [
        {
          className: "word-count",
          defaultValue: this.showCounts.bind(this),
          onUpdate: this.showCounts.bind(this),
        },
      ],
      toolbar: this.toolbar(),
    });
    this.cm = this.mde.codemirror;
    this.makeKeyboardFriendly();
    this.listen();
    if (window.matchMedia("(min-width: 64rem)").matches) {
      this.mde.toggleSideBySide();
    }
  }

  Editor.prototype.toolbar = function () {
    var editor = this;
    var items = [
      { name: "heading-2", action: window.EasyMDE.toggleHeading2, className: "fa fa-header", title: "Heading" },
      { name: "heading-3", action: window.EasyMDE.toggleHeading3, className: "fa fa-header fa-header-x fa-header-3", title: "Subheading" },
      "bold",
      "italic",
      "|",
      "unordered-list",
      "ordered-list",
      "quote",
      "link",
      {
        name: "spoiler",
        action: function () {
          editor.insertSpoiler();
        },
        className: "fa fa-eye-slash",
        title: "Spoiler block",
      },
    ];
    if (this.pickerUrl) {
      items.push("|", {
        name: "library-image",
        action: function () {
          editor.openLibrary();
        },
        className: "fa fa-picture-o",
        title: "Insert an image from the library",
      });
    }
    if (this.uploadUrl) {
      items.push({
        name: "upload-new-image",
        action: function () {
          editor.fileInput.click();
        },
        className: "fa fa-upload",
        title: "Upload a new image (or paste or drop one into the text)",
      });
    }
    items.push("|", "preview", "side-by-side");
    return items;
  };

  // EasyMDE takes its buttons out of the tab order and keeps Tab for indenting: here both go
  // back to the keyboard (Tab moves on; Ctrl-] and Ctrl-[ indent).
  Editor.prototype.makeKeyboardFriendly = function () {
    var toolbar = this.mde.gui.toolbar;
    toolbar.setAttribute("role", "toolbar");
    toolbar.setAttribute("aria-label", "Formatting");
    toolbar.querySelectorAll("button").forEach(function (button) {
      button.tabIndex = 0;
    });
    var keys = Object.assign({}, this.cm.getOption("extraKeys"), { Tab: false, "Shift-Tab": false });
    this.cm.setOption("extraKeys", keys);
    var label = document.querySelector("label[for='" + this.textarea.id + "']");
    var input = this.cm.getInputField();
    if (label) {
      label.id = label.id || this.textarea.id + "-label";
      input.setAttribute("aria-labelledby", label.id);
    }
  };

  Editor.prototype.listen = function () {
    var editor = this;
    // The autosave listens for input on the form; CodeMirror types into its own element.
    this.cm.on("change", function () {
      editor.textarea.dispatchEvent(new Event("input", { bubbles: true }));
    });
    // Restoring an autosave sets the textarea and announces it with a change event.
    this.textarea.addEventListener("change", function () {
      if (editor.textarea.value !== editor.mde.value()) {
        editor.mde.value(editor.textarea.value);
      }
    });
    if (this.uploadUrl) {
      this.fileInput = element("input", {
        type: "file",
        accept: "image/png,image/jpeg,image/webp",
        class: "editor-file-input",
        hidden: "",
        "aria-label": "Image to upload",
      });
      this.textarea.parentNode.appendChild(this.fileInput);
      this.fileInput.addEventListener("change", function () {
        if (editor.fileInput.files.length) {
          editor.askForAltText(editor.fileInput.files[0]);
        }
        editor.fileInput.value = "";
      });
      this.cm.on("paste", function (cm, event) {
        editor.takeFiles(event, event.clipboardData);
      });
      this.cm.on("drop", function (cm, event) {
        if (editor.takeFiles(event, event.dataTransfer)) {
          cm.setCursor(cm.coordsChar({ left: event.pageX, top: event.pageY }));
        }
      });
    }
  };

  Editor.prototype.showCounts = function (element) {
    var words = countWords(this.mde ? this.mde.value() : this.textarea.value);
    var minutes = Math.max(1, Math.round(words / WORDS_PER_MINUTE));
    element.textContent = words + (words === 1 ? " word" : " words") + " · " + minutes + " min read";
  };

  // EasyMDE calls this on every redraw, for the side pane and the full preview alike; each
  // pane asks the server once the writer pauses, and shows only its latest answer.
  Editor.prototype.schedulePreview = function (text, pane) {
    if (text === pane.renderedText) {
      return null;
    }
    if (!pane.childNodes.length) {
      pane.textContent = "Rendering the preview…";
    }
    clearTimeout(pane.previewTimer);
    pane.previewTimer = setTimeout(this.renderPreview.bind(this, text, pane), PREVIEW_DELAY);
    return null;
  };

  Editor.prototype.renderPreview = function (text, pane) {
    var body = new FormData();
    body.append("body", text);
    var request = callEndpoint(this.textarea, this.previewUrl, body);
    pane.previewRequest = request;
    request.then(function (result) {
      if (request !== pane.previewRequest) {
        return; // a newer text is on its way
      }
      pane.renderedText = text;
      if (!result.ok) {
        pane.replaceChildren(
          element("div", { class: "editor-preview__error", role: "alert" }, errorMessages(result.answer).map(function (message) {
            return element("p", { text: message });
          }))
        );
        return;
      }
      // The server's sanitised HTML (nh3), exactly what readers get.
      pane.innerHTML = result.answer.html;
      var warnings = result.answer.warnings || [];
      if (warnings.length) {
        pane.prepend(
          element("ul", { class: "editor-preview__warnings", role: "status" }, warnings.map(function (warning) {
            return element("li", { text: warning });
          }))
        );
      }
    }).catch(function () {
      if (request === pane.previewRequest) {
        pane.replaceChildren(element("p", { class: "editor-preview__error", text: "The preview is unavailable: no connection to the server." }));
      }
    });
  };

  Editor.prototype.insertBlock = function (text) {
    var cm = this.cm;
    var cursor = cm.getCursor("from");
    var prefix = cursor.ch > 0 ? "\n\n" : "";
    cm.replaceSelection(prefix + text + "\n");
    cm.focus();
  };

  Editor.prototype.insertSpoiler = function () {
    var selected = this.cm.getSelection();
    var title = "What it spoils";
    var start = this.cm.getCursor("from");
    var line = start.line + (start.ch > 0 ? 2 : 0);
    this.insertBlock(":::spoiler " + title + "\n" + (selected || "The passage to hide.") + "\n:::");
    this.cm.setSelection({ line: line, ch: 11 }, { line: line, ch: 11 + title.length });
  };

  Editor.prototype.insertImage = function (markdown) {
    this.insertBlock(markdown);
  };

  // The image library: search by alt text and caption, choose one to insert its Markdown.
  Editor.prototype.openLibrary = function () {
    var editor = this;
    if (!this.libraryDialog) {
      var dialog = createDialog("editor-library", "Insert an image from the library");
      var search = element("input", { type: "search", id: "editor-library-search", autocomplete: "off" });
      var status = element("p", { class: "editor-dialog__status", role: "status" });
      var results = element("ul", { class: "editor-library__results", "aria-label": "Images" });
      dialog.append(
        element("label", { for: search.id, text: "Search alt text and captions" }),
        search,
        status,
        results
      );
      var timer = null;
      search.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          editor.searchLibrary(search.value, status, results);
        }, SEARCH_DELAY);
      });
      this.libraryDialog = dialog;
      this.librarySearch = { input: search, status: status, results: results };
    }
    this.libraryDialog.showModal();
    this.librarySearch.input.focus();
    this.searchLibrary(this.librarySearch.input.value, this.librarySearch.status, this.librarySearch.results);
  };

  Editor.prototype.searchLibrary = function (query, status, results) {
    var editor = this;
    status.textContent = "Searching…";
    var url = this.pickerUrl + "?q=" + encodeURIComponent(query);
    callEndpoint(this.textarea, url, null).then(function (result) {
      if (!result.ok) {
        status.textContent = errorMessages(result.answer).join(" ");
        return;
      }
      var images = result.answer.results;
      status.textContent = images.length
        ? images.length + (images.length === 1 ? " image" : " images")
        : "No image matches.";
      results.replaceChildren.apply(results, images.map(function (image) {
        // Named by what it shows: "Insert" (for screen readers), the alt text, the caption.
        var choose = element("button", { type: "button", class: "editor-library__choice" }, [
          element("img", { src: image.thumbnail_url, alt: "", width: "120", height: String(Math.round(120 * image.height / image.width)) }),
          element("span", { class: "visually-hidden", text: "Insert " }),
          element("span", { class: "editor-library__alt", text: image.alt_text }),
          element("span", { class: "editor-library__caption", text: image.caption || "" }),
        ]);
        choose.addEventListener("click", function () {
          editor.libraryDialog.close();
          editor.insertImage(image.markdown);
        });
        return element("li", {}, [choose]);
      }));
    }).catch(function () {
      status.textContent = "The library is unavailable: no connection to the server.";
    });
  };

  // A pasted or dropped file: taken from the text and uploaded once its alt text is given.
  Editor.prototype.takeFiles = function (event, transfer) {
    var files = transfer && transfer.files;
    if (!files || !files.length) {
      return false;
    }
    event.preventDefault();
    this.askForAltText(files[0]);
    return true;
  };

  Editor.prototype.askForAltText = function (file) {
    var editor = this;
    if (!this.uploadDialog) {
      var dialog = createDialog("editor-upload", "Upload an image");
      var form = element("form", { method: "dialog", class: "editor-upload__form", novalidate: "" });
      var fileName = element("p", { class: "editor-upload__file" });
      var alt = element("textarea", { id: "editor-upload-alt", name: "alt_text", rows: "2", required: "", "aria-describedby": "editor-upload-alt-help" });
      var caption = element("input", { id: "editor-upload-caption", name: "caption", type: "text" });
      var errors = element("div", { class: "editor-dialog__errors", role: "alert" });
      var submit = element("button", { type: "submit", class: "button default", text: "Upload and insert" });
      form.append(
        fileName,
        element("label", { for: alt.id, text: "Alt text (required)" }),
        alt,
        element("p", { id: "editor-upload-alt-help", class: "help", text: "What the image shows, for readers who cannot see it." }),
        element("label", { for: caption.id, text: "Caption (optional)" }),
        caption,
        errors,
        element("div", { class: "editor-dialog__actions" }, [submit])
      );
      dialog.append(form);
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        editor.upload(submit);
      });
      alt.addEventListener("input", function () {
        errors.replaceChildren();
      });
      this.uploadDialog = dialog;
      this.uploadForm = { fileName: fileName, alt: alt, caption: caption, errors: errors };
    }
    this.pendingFile = file;
    this.uploadCursor = this.cm.getCursor();
    this.uploadForm.fileName.textContent = "File: " + (file.name || "pasted image") + " (" + Math.ceil(file.size / 1024) + " KB)";
    this.uploadForm.alt.value = "";
    this.uploadForm.caption.value = "";
    this.uploadForm.errors.replaceChildren();
    this.uploadDialog.showModal();
    this.uploadForm.alt.focus();
  };

  Editor.prototype.upload = function (submit) {
    var editor = this;
    var fields = this.uploadForm;
    if (!fields.alt.value.trim()) {
      fields.errors.replaceChildren(element("p", { text: "Describe the image in its alt text first." }));
      fields.alt.focus();
      return;
    }
    var body = new FormData();
    body.append("file", this.pendingFile, this.pendingFile.name || "pasted-image.png");
    body.append("alt_text", fields.alt.value.trim());
    body.append("caption", fields.caption.value.trim());
    submit.disabled = true;
    fields.errors.replaceChildren(element("p", { text: "Uploading…" }));
    callEndpoint(this.textarea, this.uploadUrl, body).then(function (result) {
      submit.disabled = false;
      if (!result.ok) {
        fields.errors.replaceChildren.apply(fields.errors, errorMessages(result.answer).map(function (message) {
          return element("p", { text: message });
        }));
        return;
      }
      editor.uploadDialog.close();
      editor.cm.setCursor(editor.uploadCursor);
      editor.insertImage(result.answer.markdown);
    }).catch(function () {
      submit.disabled = false;
      fields.errors.replaceChildren(element("p", { text: "The upload failed: no connection to the server." }));
    });
  };

  // The admin loads form media in the page's head, before the textarea exists.
  function start() {
    document.querySelectorAll("textarea.markdown-editor").forEach(function (textarea) {
      textarea.editor = new Editor(textarea);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
