// My circle: saves an entry's form as the member goes, a moment after each change, so
// nothing chosen or typed is lost. Without this script the Save button does the same. The
// words it shows come from the page (data-*), in the member's language.
(function () {
  var form = document.querySelector('form[data-autosave]');
  var status = document.getElementById('autosave-status');
  if (!form || !status || !window.fetch || !window.URLSearchParams) return;
  var timer = null;
  var busy = false;
  var again = false;
  function say(text) { status.textContent = text || ''; }
  function save() {
    if (busy) { again = true; return; }
    busy = true;
    say(form.dataset.saving);
    fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Hearth-Autosave': '1' },
      body: new URLSearchParams(new FormData(form))
    }).then(function (r) {
      if (r.status === 204) { say(form.dataset.saved); return null; }
      if (r.status === 422) {
        return r.json().then(function (j) {
          var first = j.errors && j.errors[0];
          say(form.dataset.notSaved + (first ? ' ' + first.message : ''));
        });
      }
      if (r.ok) {
        // Words that call for the crisis card: open the page that shows it.
        return r.json().then(function (j) { if (j.go) window.location.assign(j.go); });
      }
      say(form.dataset.failed);
      return null;
    }).catch(function () {
      say(form.dataset.failed);
    }).then(function () {
      busy = false;
      if (again) { again = false; save(); }
    });
  }
  form.addEventListener('change', function () {
    clearTimeout(timer);
    timer = setTimeout(save, 400);
  });
})();
