// The clinician's page: live results (the form is posted to /rulesets/{id}/result as it changes, debounced, and the
// server's HTML replaces the result), "not recorded" boxes of numbers, "to record" links that focus their control,
// copy as Markdown and print. Without JavaScript the form posts to the page itself and the server answers with the
// same result. No inline script: the Content-Security-Policy allows scripts from this server only.
"use strict";
(function () {
  var form = document.getElementById("case");
  var result = document.getElementById("result");
  var printed = document.getElementById("printed");
  if (printed) printed.textContent = "printed " + new Date().toLocaleString();
  if (!form || !result) return;
  var timer = null;
  var sequence = 0;
  var evaluations = 0;

  function evaluate() {
    var mine = ++sequence;
    form.setAttribute("data-requested", String(mine));
    result.setAttribute("data-state", "busy");
    var body = new URLSearchParams(new FormData(form));
    fetch(form.getAttribute("data-result"), {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": form.getAttribute("data-csrf") },
      body: body.toString(),
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) throw new Error("the server answered " + response.status);
      return response.text();
    }).then(function (html) {
      if (mine !== sequence) return;
      result.innerHTML = html;
      evaluations += 1;
      result.setAttribute("data-evaluations", String(evaluations));
      result.setAttribute("data-shown", String(mine));
      result.setAttribute("data-state", "ready");
      setUp();
    }).catch(function (error) {
      if (mine !== sequence) return;
      result.setAttribute("data-state", "error");
      var problem = document.createElement("p");
      problem.className = "problem";
      problem.setAttribute("role", "alert");
      problem.textContent = "The result could not be updated (" + error.message + "); use the Evaluate button.";
      result.insertBefore(problem, result.firstChild);
    });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(evaluate, 250);
  }

  form.addEventListener("input", function (event) {
    var target = event.target;
    if (target.type === "number" && target.value !== "") {
      var box = form.querySelector('input.not-recorded[name="unknown:' + target.name + '"]');
      if (box) box.checked = false;
    }
    schedule();
  });
  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.classList.contains("not-recorded") && target.checked) {
      var number = form.querySelector('input[type=number][name="' + target.name.slice(8) + '"]');
      if (number) number.value = "";
    }
    schedule();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    evaluate();
  });

  // Wires up what the server's result holds: links to controls, copy and print.
  function setUp() {
    var links = result.querySelectorAll("a.record-link");
    for (var i = 0; i < links.length; i++) {
      links[i].addEventListener("click", function (event) {
        var control = document.getElementById(this.getAttribute("data-target"));
        if (!control) return;
        event.preventDefault();
        control.scrollIntoView({ block: "center" });
        control.focus();
      });
    }
    var copy = document.getElementById("copy-markdown");
    var text = document.getElementById("markdown");
    if (copy && text) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        var done = function () { copy.textContent = "Copied"; };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(text.value).then(done, function () { text.select(); });
        } else {
          text.select();
          if (document.execCommand("copy")) done();
        }
      });
    }
    var print = document.getElementById("print");
    if (print) {
      print.hidden = false;
      print.addEventListener("click", function () { window.print(); });
    }
  }
  setUp();
  form.setAttribute("data-live", "true");
})();
