/// The script of live checking in the form editor (`/_passerelle/editeur/editeur.js`): a progressive enhancement,
/// the form works the same without it.
///
/// About 400 ms after the author stops typing (or changes a list or a box), it posts the whole form, with its token,
/// to the form's `data-verifier` address (`/_passerelle/editeur/verifier/…`), which runs the same analysis as
/// « Vérifier » and writes nothing. The answer (see `EditorPages.live`) holds the HTML the server renders: the script
/// puts each field's block where the page puts it (at the end of the field's `.field`, after the `themes` marker, or
/// after a list's `.count` field), sets `aria-describedby` and `aria-invalid` as the page does, replaces the error
/// summary, updates the « enregistré : … » lines, and says the counts in the `#verification` live region. Only the answer to the latest request is shown:
/// an older one that arrives late is dropped (and the request is aborted).
enum LiveCheckScript {
    static let source = #"""
    // Passerelle: live checking of the form editor (the form works without it).
    (function () {
      "use strict";
      var form = document.querySelector("form[data-verifier]");
      var status = document.getElementById("verification");
      if (!form || !status || !window.fetch || !window.URLSearchParams || !window.FormData) { return; }
      var address = form.getAttribute("data-verifier");
      var timer = null;
      var sent = 0;
      var controller = null;

      function clear() {
        var blocks = form.querySelectorAll("div[id^='e-']");
        for (var i = 0; i < blocks.length; i++) { blocks[i].remove(); }
        var described = form.querySelectorAll("[aria-describedby^='e-']");
        for (var j = 0; j < described.length; j++) { described[j].removeAttribute("aria-describedby"); }
        var invalid = form.querySelectorAll("[aria-invalid]");
        for (var k = 0; k < invalid.length; k++) { invalid[k].removeAttribute("aria-invalid"); }
      }

      function element(html) {
        var holder = document.createElement("div");
        holder.innerHTML = html;
        return holder.firstElementChild;
      }

      // Where the page puts a field's messages, and which element carries aria-describedby / aria-invalid.
      function place(field) {
        var block = element(field.html);
        if (!block) { return; }
        var target = document.getElementById("f-" + field.name);
        var owner = null;
        if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) {
          (target.closest(".field") || target.parentNode).appendChild(block);
          owner = target;
        } else if (target && target.tagName === "SPAN") {
          target.insertAdjacentElement("afterend", block);
          owner = target.closest("fieldset");
        } else if (target) {
          (target.closest(".field") || target.parentNode).appendChild(block);
        } else {
          var count = form.querySelector("input[name='" + field.name + ".count']");
          if (!count) { return; }
          count.insertAdjacentElement("afterend", block);
        }
        if (owner) {
          owner.setAttribute("aria-describedby", block.id);
          if (field.invalid) { owner.setAttribute("aria-invalid", "true"); }
        }
      }

      // « enregistré : 97000 »: after the field's help, before its messages, as the page puts it.
      function stored(answer) {
        var old = form.querySelectorAll(".field > p.stored");
        for (var i = 0; i < old.length; i++) { old[i].remove(); }
        for (var j = 0; j < answer.stored.length; j++) {
          var target = document.getElementById("f-" + answer.stored[j].name);
          var line = element(answer.stored[j].html);
          if (target && line && target.closest(".field")) { target.closest(".field").appendChild(line); }
        }
      }

      function show(answer) {
        clear();
        stored(answer);
        for (var i = 0; i < answer.fields.length; i++) { place(answer.fields[i]); }
        var summary = document.getElementById("erreurs");
        if (summary) { summary.remove(); }
        if (answer.summary) {
          var fresh = element(answer.summary);
          if (fresh) {
            fresh.removeAttribute("autofocus");
            status.insertAdjacentElement("beforebegin", fresh);
          }
        }
        status.classList.toggle("has-errors", answer.errors > 0);
        status.textContent = answer.status;
      }

      function check() {
        timer = null;
        sent += 1;
        var number = sent;
        if (controller) { controller.abort(); }
        controller = window.AbortController ? new AbortController() : null;
        var body = new URLSearchParams(new FormData(form));
        body.delete("action");
        fetch(address, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: body.toString(),
          credentials: "same-origin",
          cache: "no-store",
          signal: controller ? controller.signal : undefined
        }).then(function (response) {
          var type = response.headers.get("Content-Type") || "";
          return response.ok && type.indexOf("application/json") === 0 ? response.json() : null;
        }).then(function (answer) {
          // Only the answer to the latest request: a late, older one never replaces a newer one.
          if (answer && number === sent) { show(answer); }
        }).catch(function () {});
      }

      function later() {
        if (timer !== null) { clearTimeout(timer); }
        timer = setTimeout(check, 400);
      }

      form.addEventListener("input", later);
      form.addEventListener("change", later);
      form.addEventListener("submit", function () {
        if (timer !== null) { clearTimeout(timer); timer = null; }
        sent += 1;
        if (controller) { controller.abort(); }
      });
    })();

    """#
}
