// The host page's record of what it heard: every event the loader gave it through
// Carebook.on, and every raw message that reached the window (to know a forged one arrived).
window.hostEvents = [];
window.hostMessages = [];
window.addEventListener('message', function (e) {
  window.hostMessages.push({ origin: e.origin, data: e.data });
});
(function () {
  function listen() {
    ['ready', 'step', 'booked', 'closed'].forEach(function (name) {
      window.Carebook.on(name, function (detail) {
        window.hostEvents.push({ name: name, detail: detail });
      });
    });
  }
  if (window.Carebook) listen();
  else document.getElementById('carebook-loader').addEventListener('load', listen);
})();
// The popup page's button behind the dialog counts its clicks (none may reach it while the
// dialog is open).
(function () {
  var behind = document.getElementById('behind');
  if (!behind) return;
  behind.addEventListener('click', function () {
    var count = document.getElementById('behind-count');
    count.textContent = String(Number(count.textContent) + 1);
  });
})();
